package io.cairn.api.store;

import java.util.List;

/**
 * The aggregation part of a {@link ScanRequest}: values are grouped by the named tags and by
 * time buckets, and each function is applied to each requested field.
 *
 * @param bucketNanos width of a time bucket in nanoseconds, aligned to the epoch; 0 means one
 *     bucket for the whole range, whose time is the range's start
 * @param groupBy tag keys to group by; series without a key group under the absent key
 * @param functions the aggregates to compute, in output order
 */
public record Aggregation(long bucketNanos, List<String> groupBy, List<AggregateFunction> functions) {
    /** Copies the lists and checks the bucket width. */
    public Aggregation {
        if (bucketNanos < 0) {
            throw new IllegalArgumentException("bucket width must not be negative");
        }
        groupBy = List.copyOf(groupBy);
        functions = List.copyOf(functions);
    }

    /** Returns the start of the bucket a time falls in, given the range start for one bucket. */
    public long bucketOf(long timeNanos, long rangeStartNanos) {
        return bucketNanos == 0 ? rangeStartNanos : Math.floorDiv(timeNanos, bucketNanos) * bucketNanos;
    }

    /** Returns the name of the output column of a function applied to a field, e.g. {@code avg(value)}. */
    public static String columnName(AggregateFunction function, String field) {
        return function.name().toLowerCase(java.util.Locale.ROOT) + "(" + field + ")";
    }
}
