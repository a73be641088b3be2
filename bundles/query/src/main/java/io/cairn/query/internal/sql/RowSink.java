package io.cairn.query.internal.sql;

/** Receives a statement's rows one at a time, as they are read. */
@FunctionalInterface
public interface RowSink {
    /** Takes one row (values as {@link SqlResult} has them); returns false to stop reading. */
    boolean accept(Object[] row);
}
