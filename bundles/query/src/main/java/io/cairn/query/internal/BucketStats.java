package io.cairn.query.internal;

import java.util.Arrays;

/**
 * What is known about one bucket of one group: count, sum, min and max of its values, the values
 * themselves when a percentile needs them, and a running total for integral (area) and rate
 * (sum of non-negative deltas). Not thread safe.
 */
final class BucketStats {
    private long count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double total;
    private double storePercentile = Double.NaN;
    private double[] values;
    private int valueCount;

    /** Adds a raw value; keeps it when {@code keep} (percentiles). */
    void add(double v, boolean keep) {
        count++;
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
        if (keep) {
            if (values == null) {
                values = new double[16];
            } else if (valueCount == values.length) {
                values = Arrays.copyOf(values, valueCount * 2);
            }
            values[valueCount++] = v;
        }
    }

    /** Adds to the integral or rate total. */
    void addToTotal(double amount) {
        total += amount;
    }

    /**
     * Merges a value a store aggregated over {@code n} points; a store's percentile is the bucket's whole
     * answer (it reports one row per group and bucket), an integral or increase adds to the total.
     */
    void addAggregated(AggregationKind kind, double value, long n) {
        count += n;
        switch (kind) {
            case AVG -> sum += value * n;
            case SUM -> sum += value;
            case MIN -> min = Math.min(min, value);
            case MAX -> max = Math.max(max, value);
            case P50, P95, P99 -> storePercentile = value;
            case INTEGRAL, RATE -> total += value;
            default -> {
            }
        }
    }

    long count() {
        return count;
    }

    /** Returns the bucket's value for a kind; a rate is divided by {@code bucketSeconds}. */
    double value(AggregationKind kind, double bucketSeconds) {
        return switch (kind) {
            case AVG -> sum / count;
            case SUM -> sum;
            case COUNT -> count;
            case MIN -> min;
            case MAX -> max;
            case P50, P95, P99 -> percentile(kind.percentile());
            case INTEGRAL -> total;
            case RATE -> total / bucketSeconds;
        };
    }

    private double percentile(int p) {
        if (values == null) {
            return storePercentile;
        }
        double[] sorted = Arrays.copyOf(values, valueCount);
        Arrays.sort(sorted);
        int rank = (int) (((long) p * valueCount + 99) / 100);
        return sorted[Math.max(rank, 1) - 1];
    }
}
