package io.cairn.query.internal;

import io.cairn.api.store.TagPredicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed and validated dashboard JSON query, independent of how it is executed.
 *
 * @param database the database
 * @param type what to compute
 * @param metric the measurement
 * @param field the field to read
 * @param startNanos inclusive start of the time range, nanoseconds since the epoch
 * @param endNanos exclusive end of the time range
 * @param filters tag key to accepted values (one value is equality, several IN)
 * @param aggregation the function for AGGREGATE, {@link AggregationKind#RATE} for RATE, null for RANGE
 * @param groupBy tag keys to group by (AGGREGATE and RATE)
 * @param intervalNanos bucket width, 0 for one bucket over the whole range
 * @param limit the most result points wanted (already lowered to the server's maximum)
 * @param timeoutMillis how long the query may run
 */
record DashboardQuery(String database, QueryType type, String metric, String field, long startNanos,
        long endNanos, Map<String, Set<String>> filters, AggregationKind aggregation, List<String> groupBy,
        long intervalNanos, int limit, long timeoutMillis) {

    /** Copies the collections. */
    DashboardQuery {
        filters = Map.copyOf(filters);
        groupBy = List.copyOf(groupBy);
    }

    /** Returns the filters as store tag predicates. */
    List<TagPredicate> tagPredicates() {
        List<TagPredicate> predicates = new ArrayList<>(filters.size());
        filters.forEach((key, values) -> predicates.add(new TagPredicate(key, values)));
        return predicates;
    }

    /** Returns whether the result is a series of points per group rather than one value. */
    boolean bucketed() {
        return type == QueryType.RATE || intervalNanos > 0;
    }

    /** Returns the start of the bucket a time falls in: epoch-aligned, or the range start. */
    long bucketOf(long timeNanos) {
        return intervalNanos == 0 ? startNanos : Math.floorDiv(timeNanos, intervalNanos) * intervalNanos;
    }
}
