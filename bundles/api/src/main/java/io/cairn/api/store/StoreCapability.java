package io.cairn.api.store;

/** What a store can do itself; what it cannot, the query engine does above it. */
public enum StoreCapability {
    /** Scans honour the time range instead of returning everything. */
    TIME_RANGE,
    /** Scans honour tag predicates. */
    TAG_FILTER,
    /** Scans return only the requested fields. */
    PROJECTION,
    /** Scans compute {@link Aggregation}s with the basic {@link AggregateFunction}s (COUNT to AVG). */
    AGGREGATION,
    /** Scans also compute percentiles, INTEGRAL and INCREASE ({@link AggregateFunction#isBasic()} false). */
    ADVANCED_AGGREGATION,
    /** Raw scans stop at the request's limit. */
    LIMIT,
    /** Raw scans and aggregations honour {@link ScanRequest#fieldPredicates()}. */
    FIELD_FILTER,
    /** Raw scans honour {@link ScanRequest#latestPerSeries()}. */
    LATEST
}
