package io.cairn.api.store;

/**
 * An aggregate a store may compute per group and time bucket over numeric fields. COUNT to AVG are the
 * basic ones ({@link StoreCapability#AGGREGATION}); the others need {@link StoreCapability#ADVANCED_AGGREGATION}.
 */
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
    AVG,
    /** Median by the nearest-rank method: of n sorted values, the one at 1-based rank ⌈n/2⌉. */
    P50,
    /** 95th percentile by the nearest-rank method (rank ⌈0.95·n⌉). */
    P95,
    /** 99th percentile by the nearest-rank method (rank ⌈0.99·n⌉). */
    P99,
    /**
     * Trapezoid area in value·seconds between consecutive points of each series that fall in the same
     * bucket, summed over the group's series.
     */
    INTEGRAL,
    /**
     * Sum of the non-negative increases between consecutive points of each series, each counted in the
     * bucket of the later point (the earlier may lie in an earlier bucket of the scan's range); a decrease
     * is a counter reset and adds nothing. Summed over the group's series; a rate divides it by time.
     */
    INCREASE;

    /** Returns whether this is one of the basic functions every aggregating store computes. */
    public boolean isBasic() {
        return ordinal() <= AVG.ordinal();
    }
}
