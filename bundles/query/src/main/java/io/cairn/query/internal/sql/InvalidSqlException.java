package io.cairn.query.internal.sql;

/** A statement that is wrong in a way only running it shows, e.g. an unknown interval unit. */
public final class InvalidSqlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with the message the user sees. */
    public InvalidSqlException(String message) {
        super(message);
    }
}
