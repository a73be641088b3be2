package io.cairn.bench;

import java.util.Arrays;

/** Mean and nearest-rank percentiles of a set of query latencies, in milliseconds. */
final class LatencyStats {
    private final double[] sortedMs;

    LatencyStats(long[] nanos) {
        sortedMs = Arrays.stream(nanos).mapToDouble(n -> n / 1e6).sorted().toArray();
    }

    int count() {
        return sortedMs.length;
    }

    double mean() {
        return Arrays.stream(sortedMs).average().orElse(Double.NaN);
    }

    double percentile(double p) {
        if (sortedMs.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedMs.length);
        return sortedMs[Math.max(0, Math.min(sortedMs.length - 1, rank - 1))];
    }

    /** Queries per second of one client issuing the queries back to back. */
    double sequentialRate() {
        return 1000.0 / mean();
    }
}
