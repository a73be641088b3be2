package io.cairn.ingest.internal;

/**
 * A rejected line of a line protocol write.
 *
 * @param line the 1-based line number in the request body
 * @param code the machine-readable reason, e.g. {@code INVALID_LINE}
 * @param message what is wrong, for a person
 */
record LineRejection(int line, String code, String message) {
    static final String INVALID_LINE = "INVALID_LINE";
    static final String INVALID_NAME = "INVALID_NAME";
    static final String INVALID_UTF8 = "INVALID_UTF8";
    static final String INVALID_VALUE = "INVALID_VALUE";
    static final String INVALID_TIMESTAMP = "INVALID_TIMESTAMP";
    static final String LIMIT_EXCEEDED = "LIMIT_EXCEEDED";
}
