package io.cairn.ingest.internal;

/**
 * Why one item of a write was rejected.
 *
 * @param code the machine-readable code, e.g. {@code INVALID_METRIC_NAME}
 * @param message what is wrong, for a person
 */
record ItemError(String code, String message) {
    static final String INVALID_METRIC_NAME = "INVALID_METRIC_NAME";
    static final String INVALID_TIMESTAMP = "INVALID_TIMESTAMP";
    static final String INVALID_VALUE = "INVALID_VALUE";
    static final String DIMENSION_LIMIT_EXCEEDED = "DIMENSION_LIMIT_EXCEEDED";
    static final String CARDINALITY_EXCEEDED = "CARDINALITY_EXCEEDED";
    static final String FIELD_TYPE_CONFLICT = "FIELD_TYPE_CONFLICT";
    static final String FORBIDDEN = "FORBIDDEN";
}
