package io.cairn.enterprise.rbac.internal;

import java.util.Map;

/** A refused RBAC request, carrying the HTTP status and the error code the REST API answers with. */
final class RbacException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient Map<String, Object> details;

    RbacException(int status, String code, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = Map.copyOf(details);
    }

    /** Returns a 400 with a code and the offending field. */
    static RbacException invalid(String code, String field, String message) {
        return new RbacException(400, code, message, Map.of("field", field));
    }

    /** Returns a 404 for an unknown object. */
    static RbacException notFound(String kind, String id) {
        return new RbacException(404, "NOT_FOUND", "no " + kind + " with id '" + id + "'", Map.of("id", id));
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
