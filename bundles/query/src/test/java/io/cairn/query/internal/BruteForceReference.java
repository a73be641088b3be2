package io.cairn.query.internal;

import io.cairn.api.model.Tags;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes expected query answers straight from the definitions, point by point, without any of
 * the production classes: the reference the engine's results are checked against.
 */
final class BruteForceReference {
    /** An expected bucket: its value and how many points it holds. */
    record Expected(double value, long count) {
    }

    private BruteForceReference() {
    }

    /** Returns group → bucket start → expected value for an aggregation name or "rate". */
    static Map<Tags, TreeMap<Long, Expected>> compute(List<MemoryStore.Point> all, String metric, String field,
            long start, long end, Map<String, Set<String>> filters, List<String> groupBy, long interval, String function) {
        Map<Tags, List<long[]>> seriesTimes = new TreeMap<>();
        Map<Tags, List<Double>> seriesValues = new TreeMap<>();
        List<MemoryStore.Point> kept = new ArrayList<>();
        for (MemoryStore.Point p : all) {
            if (p.measurement().equals(metric) && p.field().equals(field) && p.time() >= start && p.time() < end
                    && passes(p.tags(), filters)) {
                kept.add(p);
            }
        }
        kept.sort((a, b) -> Long.compare(a.time(), b.time()));
        Map<Tags, Map<Long, List<Double>>> values = new TreeMap<>();
        Map<Tags, Map<Long, Double>> totals = new TreeMap<>();
        Map<Tags, MemoryStore.Point> previous = new TreeMap<>();
        for (MemoryStore.Point p : kept) {
            Tags group = group(p.tags(), groupBy);
            long bucket = interval == 0 ? start : Math.floorDiv(p.time(), interval) * interval;
            double v = ((Number) p.value()).doubleValue();
            values.computeIfAbsent(group, g -> new TreeMap<>()).computeIfAbsent(bucket, b -> new ArrayList<>()).add(v);
            Map<Long, Double> groupTotals = totals.computeIfAbsent(group, g -> new TreeMap<>());
            groupTotals.putIfAbsent(bucket, 0.0);
            MemoryStore.Point prev = previous.put(p.tags(), p);
            if (prev == null) {
                continue;
            }
            double pv = ((Number) prev.value()).doubleValue();
            long prevBucket = interval == 0 ? start : Math.floorDiv(prev.time(), interval) * interval;
            if (function.equals("rate") && v >= pv) {
                groupTotals.merge(bucket, v - pv, Double::sum);
            } else if (function.equals("integral") && prevBucket == bucket) {
                groupTotals.merge(bucket, (p.time() - prev.time()) / 1e9 * (pv + v) / 2, Double::sum);
            }
        }
        Map<Tags, TreeMap<Long, Expected>> result = new TreeMap<>();
        values.forEach((group, buckets) -> buckets.forEach((bucket, vs) -> {
            double total = totals.get(group).get(bucket);
            // the part of the bucket inside [start, end): the first and last buckets may be partial
            long bucketEnd = interval == 0 ? end : bucket + interval;
            double width = (Math.min(bucketEnd, end) - Math.max(bucket, start)) / 1e9;
            result.computeIfAbsent(group, g -> new TreeMap<>())
                    .put(bucket, new Expected(value(function, vs, total, width), vs.size()));
        }));
        return result;
    }

    private static boolean passes(Tags tags, Map<String, Set<String>> filters) {
        return filters.entrySet().stream().allMatch(f -> f.getValue().contains(tags.get(f.getKey())));
    }

    private static Tags group(Tags tags, List<String> groupBy) {
        Map<String, String> m = new TreeMap<>();
        for (String k : groupBy) {
            if (tags.get(k) != null) {
                m.put(k, tags.get(k));
            }
        }
        return Tags.of(m);
    }

    private static double value(String function, List<Double> vs, double total, double width) {
        List<Double> sorted = new ArrayList<>(vs);
        Collections.sort(sorted);
        double sum = 0;
        for (double v : vs) {
            sum += v;
        }
        return switch (function) {
            case "avg" -> sum / vs.size();
            case "sum" -> sum;
            case "count" -> vs.size();
            case "min" -> sorted.get(0);
            case "max" -> sorted.get(sorted.size() - 1);
            case "p50" -> nearestRank(sorted, 50);
            case "p95" -> nearestRank(sorted, 95);
            case "p99" -> nearestRank(sorted, 99);
            case "integral" -> total;
            case "rate" -> total / width;
            default -> throw new IllegalArgumentException(function);
        };
    }

    /** The smallest value with at least p percent of the values at or below it. */
    private static double nearestRank(List<Double> sorted, int p) {
        for (int rank = 1; rank <= sorted.size(); rank++) {
            if (rank * 100 >= p * sorted.size()) {
                return sorted.get(rank - 1);
            }
        }
        throw new AssertionError();
    }
}
