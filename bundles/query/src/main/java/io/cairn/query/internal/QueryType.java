package io.cairn.query.internal;

import java.util.Locale;

/** The kinds of dashboard JSON query: raw points, aggregates, and counter rates. */
enum QueryType {
    RANGE,
    AGGREGATE,
    RATE;

    /** Returns the name used in JSON. */
    String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the type of a JSON name, or null when there is none. */
    static QueryType ofJsonName(String name) {
        for (QueryType t : values()) {
            if (t.jsonName().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
