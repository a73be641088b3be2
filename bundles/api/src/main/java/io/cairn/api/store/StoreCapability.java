package io.cairn.api.store;

/** What a store can do itself; what it cannot, the query engine does above it. */
public enum StoreCapability {
    /** Scans honour the time range instead of returning everything. */
    TIME_RANGE,
    /** Scans honour tag predicates. */
    TAG_FILTER,
    /** Scans return only the requested fields. */
    PROJECTION,
    /** Scans compute {@link Aggregation}s with every {@link AggregateFunction}. */
    AGGREGATION,
    /** Raw scans stop at the request's limit. */
    LIMIT
}
