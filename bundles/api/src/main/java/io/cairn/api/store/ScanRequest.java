package io.cairn.api.store;

import java.util.List;

/**
 * What to read from a store: one measurement of one database over a time range, restricted by
 * tag predicates (all must hold) and field predicates (all must hold on a row), projected to fields,
 * optionally aggregated.
 *
 * @param database the database
 * @param measurement the measurement
 * @param startNanos inclusive start of the time range, nanoseconds since the epoch
 * @param endNanos exclusive end of the time range
 * @param predicates tag conditions, all of which a series must meet
 * @param fields the fields to return (for an aggregation, to aggregate)
 * @param aggregation null for raw rows, else how to aggregate
 * @param limit raw scans: the most rows to return in all, 0 for no limit; ignored for aggregations
 * @param fieldPredicates value conditions, all of which a row must meet to be returned or aggregated
 *     ({@link StoreCapability#FIELD_FILTER}); the fields they name need not be among {@code fields}
 * @param latestPerSeries raw scans: when above 0, per series only the rows at the latest
 *     {@code latestPerSeries} times in the range at which each requested field has a value (the union over
 *     the fields, ascending as always; with field predicates, among the rows that meet them;
 *     {@link StoreCapability#LATEST}); 0 for all rows; ignored for aggregations
 */
public record ScanRequest(String database, String measurement, long startNanos, long endNanos,
        List<TagPredicate> predicates, List<String> fields, Aggregation aggregation, long limit,
        List<FieldPredicate> fieldPredicates, int latestPerSeries) {
    /** Copies the lists and checks the range. */
    public ScanRequest {
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("time range ends before it starts");
        }
        if (latestPerSeries < 0) {
            throw new IllegalArgumentException("latestPerSeries must not be negative");
        }
        predicates = List.copyOf(predicates);
        fields = List.copyOf(fields);
        fieldPredicates = List.copyOf(fieldPredicates);
    }

    /** A request without field predicates that reads every row of the range. */
    public ScanRequest(String database, String measurement, long startNanos, long endNanos,
            List<TagPredicate> predicates, List<String> fields, Aggregation aggregation, long limit) {
        this(database, measurement, startNanos, endNanos, predicates, fields, aggregation, limit, List.of(), 0);
    }

    /** Returns this request with other field predicates. */
    public ScanRequest withFieldPredicates(List<FieldPredicate> conditions) {
        return new ScanRequest(database, measurement, startNanos, endNanos, predicates, fields, aggregation, limit,
                conditions, latestPerSeries);
    }

    /** Returns this request reading only the latest {@code n} times per series and field (0: all). */
    public ScanRequest withLatestPerSeries(int n) {
        return new ScanRequest(database, measurement, startNanos, endNanos, predicates, fields, aggregation, limit,
                fieldPredicates, n);
    }
}
