package io.cairn.api.store;

import java.util.List;

/**
 * What to read from a store: one measurement of one database over a time range, restricted by
 * tag predicates (all must hold), projected to fields, optionally aggregated.
 *
 * @param database the database
 * @param measurement the measurement
 * @param startNanos inclusive start of the time range, nanoseconds since the epoch
 * @param endNanos exclusive end of the time range
 * @param predicates tag conditions, all of which a series must meet
 * @param fields the fields to return (for an aggregation, to aggregate)
 * @param aggregation null for raw rows, else how to aggregate
 * @param limit raw scans: the most rows to return in all, 0 for no limit; ignored for aggregations
 */
public record ScanRequest(String database, String measurement, long startNanos, long endNanos,
        List<TagPredicate> predicates, List<String> fields, Aggregation aggregation, long limit) {
    /** Copies the lists and checks the range. */
    public ScanRequest {
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("time range ends before it starts");
        }
        predicates = List.copyOf(predicates);
        fields = List.copyOf(fields);
    }
}
