package io.cairn.query.internal.sql;

import java.util.Map;

/** A statement that failed in a way the client should hear about, with status, code and details. */
public final class SqlQueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient Map<String, Object> details;

    SqlQueryException(int status, String code, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = Map.copyOf(details);
    }

    static SqlQueryException invalid(String message, Map<String, Object> details) {
        return new SqlQueryException(400, "INVALID_QUERY", message, details);
    }

    static SqlQueryException timeout(long millis) {
        return new SqlQueryException(504, "QUERY_TIMEOUT", "the statement exceeded its timeout of " + millis
                + " ms and was cancelled", Map.of("timeout_ms", millis));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }
}
