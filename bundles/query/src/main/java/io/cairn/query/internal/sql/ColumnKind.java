package io.cairn.query.internal.sql;

/** What a column of a measurement table holds: the time, a tag or a field. */
public enum ColumnKind {
    TIME,
    TAG,
    FIELD
}
