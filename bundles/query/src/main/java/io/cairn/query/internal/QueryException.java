package io.cairn.query.internal;

import java.util.Map;

/** A query that cannot be answered, with the HTTP status, error code and details to report. */
final class QueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient Map<String, Object> details;

    QueryException(int status, String code, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = Map.copyOf(details);
    }

    /** A bad query: 400 INVALID_QUERY naming the field at fault. */
    static QueryException invalid(String field, String message) {
        return new QueryException(400, "INVALID_QUERY", message, Map.of("field", field));
    }

    /** The query ran past its deadline: 504 QUERY_TIMEOUT. */
    static QueryException timeout(long timeoutMillis) {
        return new QueryException(504, "QUERY_TIMEOUT", "query exceeded its timeout of " + timeoutMillis + " ms",
                Map.of("timeoutMs", timeoutMillis));
    }

    /** The query produced more groups than allowed: 400 TOO_MANY_GROUPS. */
    static QueryException tooManyGroups(int maxGroups) {
        return new QueryException(400, "TOO_MANY_GROUPS", "query produces more than " + maxGroups
                + " groups; add filters or group by fewer dimensions", Map.of("field", "groupBy", "limit", maxGroups));
    }

    /** No store can serve now: 503 STORE_UNAVAILABLE. */
    static QueryException storeUnavailable(String message) {
        return new QueryException(503, "STORE_UNAVAILABLE", message, Map.of());
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, Object> details() {
        return details;
    }
}
