package io.cairn.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The answers the cardinality workload implies, worked out from its generator to check what the targets answer.
 * Every point counts as inside "the last hour", which holds while the run (writes and queries) takes under an hour.
 */
final class CardinalityAnswers {
    private final CardinalityWorkload workload;
    private final long[] offsets;

    CardinalityAnswers(CardinalityWorkload workload) {
        this.workload = workload;
        offsets = new long[workload.steps];
        for (int k = 0; k < offsets.length; k++) {
            offsets[k] = workload.offset(k);
        }
    }

    long seriesCount() {
        return workload.distinctSeries();
    }

    /** Returns the number of steps in which series {@code s} is active, i.e. its number of points. */
    int pointsOf(long s) {
        int n = 0;
        for (long offset : offsets) {
            if (offset <= s && s < offset + workload.series) {
                n++;
            }
        }
        return n;
    }

    /** Returns the number of series of a customer: those of its numbers and, when busy, its extra ones. */
    long seriesCountOf(String customer) {
        return seriesOf(customer).length + workload.busySeriesOf(number(customer));
    }

    private static long number(String customer) {
        return Long.parseLong(customer.substring("cust_".length()));
    }

    /** Returns the series numbers of a customer ({@code cust_<n>}) that the run writes, without busy extras. */
    long[] seriesOf(String customer) {
        long c = number(customer);
        List<Long> series = new ArrayList<>();
        for (long s = c; s < workload.numberedSeries(); s += CardinalityWorkload.CUSTOMERS) {
            series.add(s);
        }
        return series.stream().mapToLong(Long::longValue).toArray();
    }

    /** Returns the number of points of a customer over all its series. */
    long countOf(String customer) {
        long n = (long) workload.busySeriesOf(number(customer)) * workload.steps;
        for (long s : seriesOf(customer)) {
            n += pointsOf(s);
        }
        return n;
    }

    /** Returns the {@code n} highest point counts of any customer, highest first. */
    List<Long> topCounts(int n) {
        PriorityQueue<Long> lowest = new PriorityQueue<>();
        for (String customer : customers()) {
            lowest.add(countOf(customer));
            if (lowest.size() > n) {
                lowest.poll();
            }
        }
        List<Long> top = new ArrayList<>(lowest);
        top.sort(Comparator.reverseOrder());
        return top;
    }

    /** Returns how many customers have exactly {@code count} points (how many tie with a top-10 count). */
    long customersWithCount(long count) {
        return customers().stream().filter(c -> countOf(c) == count).count();
    }

    private List<String> customers() {
        int n = (int) Math.min(CardinalityWorkload.CUSTOMERS, workload.numberedSeries());
        List<String> names = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            names.add(CardinalityWorkload.customer(c));
        }
        return names;
    }

    /** Returns the latencies of every point of a customer, sorted. */
    double[] latenciesOf(String customer) {
        List<Double> values = new ArrayList<>();
        for (long s : seriesOf(customer)) {
            for (int k = 0; k < offsets.length; k++) {
                if (offsets[k] <= s && s < offsets[k] + workload.series) {
                    values.add(CardinalityWorkload.latency(s, k));
                }
            }
        }
        for (int j = 0; j < workload.busySeriesOf(number(customer)); j++) {
            for (int k = 0; k < offsets.length; k++) {
                values.add(CardinalityWorkload.busyLatency(number(customer), j, k));
            }
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    /** The percentile by the nearest-rank method (rank ⌈p·n/100⌉), as Cairn defines p95. */
    static double nearestRank(double[] sorted, int percent) {
        int rank = (int) Math.ceil(percent * sorted.length / 100.0);
        return sorted[Math.max(0, rank - 1)];
    }

    /** The quantile interpolated between ranks ({@code phi·(n-1)}), as PromQL's and MetricsQL's quantile_over_time. */
    static double interpolated(double[] sorted, double phi) {
        double rank = phi * (sorted.length - 1);
        int lower = (int) Math.floor(rank);
        int upper = Math.min(sorted.length - 1, lower + 1);
        double weight = rank - lower;
        return sorted[lower] * (1 - weight) + sorted[upper] * weight;
    }
}
