package io.cairn.api.store;

/** An aggregate a store may compute per group and time bucket over numeric fields. */
public enum AggregateFunction {
    /** Number of values. */
    COUNT,
    /** Sum of values. */
    SUM,
    /** Smallest value. */
    MIN,
    /** Largest value. */
    MAX,
    /** Arithmetic mean of values. */
    AVG
}
