package io.cairn.query.internal;

/**
 * The server's limits on dashboard queries.
 *
 * @param defaultTimeoutMillis timeout of a query that names none
 * @param maxTimeoutMillis the longest timeout a query may ask for; longer ones are lowered to it
 * @param maxPoints the most result points (and buckets of an interval); more are cut off
 * @param maxGroups the most groups; a query producing more fails with TOO_MANY_GROUPS
 * @param maxRangeNanos the longest time range a query may cover
 */
record QueryLimits(long defaultTimeoutMillis, long maxTimeoutMillis, int maxPoints, int maxGroups,
        long maxRangeNanos) {
    /** The defaults: 10 s timeout, at most 30 s, 10,000 points, 1,000 groups, 90 days. */
    static final QueryLimits DEFAULTS = new QueryLimits(10_000, 30_000, 10_000, 1_000, 90L * 86_400_000_000_000L);
}
