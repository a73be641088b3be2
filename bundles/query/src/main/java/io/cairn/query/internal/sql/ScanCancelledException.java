package io.cairn.query.internal.sql;

/** Thrown inside a running scan whose statement was cancelled (its timeout passed). */
public final class ScanCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ScanCancelledException() {
        super("the statement was cancelled");
    }
}
