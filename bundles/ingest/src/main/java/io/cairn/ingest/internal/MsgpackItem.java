package io.cairn.ingest.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One item of a MessagePack write as read from the payload, before it is checked: columnar
 * ({@code columns}, optional {@code tags} names) or row form ({@code t}, {@code tags} map,
 * {@code fields}). Keeps the first problem met while reading; the rest of the item is still read.
 */
final class MsgpackItem {
    String measurement;
    String precision;
    Long time;
    List<String> tagNames;
    Map<String, String> rowTags;
    Map<String, MsgpackColumn> columns;
    Map<String, Object> fields;
    ItemError problem;
    boolean touched;

    /** Records a problem unless one is already recorded. */
    void fail(String code, String message) {
        if (problem == null) {
            problem = new ItemError(code, message);
        }
    }

    List<String> tagNames() {
        if (tagNames == null) {
            tagNames = new ArrayList<>();
        }
        return tagNames;
    }

    Map<String, String> rowTags() {
        if (rowTags == null) {
            rowTags = new LinkedHashMap<>();
        }
        return rowTags;
    }

    Map<String, MsgpackColumn> columns() {
        if (columns == null) {
            columns = new LinkedHashMap<>();
        }
        return columns;
    }

    Map<String, Object> fields() {
        if (fields == null) {
            fields = new LinkedHashMap<>();
        }
        return fields;
    }
}
