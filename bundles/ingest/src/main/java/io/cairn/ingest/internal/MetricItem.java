package io.cairn.ingest.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One metric of a JSON write as parsed, before validation: values keep the JSON type they came
 * with (a number as Double or Long, text as String, anything else as {@link #OTHER}), so the
 * validator can say what is wrong. Reused from item to item; not thread safe.
 */
final class MetricItem {
    /** Stands for a JSON value of a type the field does not take (object, array, boolean). */
    static final Object OTHER = new Object() {
        @Override
        public String toString() {
            return "a non-scalar value";
        }
    };

    Object name;
    Object timestamp;
    Object value;
    boolean dimensionsInvalid;
    final Map<String, Object> dimensions = new LinkedHashMap<>();

    /** Forgets the previous item. */
    void clear() {
        name = null;
        timestamp = null;
        value = null;
        dimensionsInvalid = false;
        dimensions.clear();
    }

    /** Returns the name if it is text, else null. */
    String nameText() {
        return name instanceof String s ? s : null;
    }
}
