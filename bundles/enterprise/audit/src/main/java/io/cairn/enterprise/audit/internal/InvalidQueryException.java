package io.cairn.enterprise.audit.internal;

/** A request parameter the audit API cannot use: answered {@code 400 INVALID_QUERY} naming the parameter. */
final class InvalidQueryException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String field;

    InvalidQueryException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
