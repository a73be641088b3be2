package io.cairn.store.clickhouse.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.Tags;
import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.FieldPredicate;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.SeriesBatch;
import io.cairn.api.store.TagPredicate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Test brute force: every written value kept in memory (a rewrite replaces), and what a scan should return
 * from them — raw rows with field predicates and latest rows per series, and aggregations of every function.
 */
final class ReferenceRows {
    private final Map<Tags, TreeMap<Long, Map<String, Object>>> rows = new TreeMap<>();
    private final Set<String> fields = new TreeSet<>();

    /** Records a value (Double, Long, Boolean or String) of a field at a time, replacing an earlier one. */
    void put(Tags tags, long time, String field, Object value) {
        rows.computeIfAbsent(tags, t -> new TreeMap<>()).computeIfAbsent(time, t -> new HashMap<>()).put(field, value);
        fields.add(field);
    }

    /** Returns a stored value, or null. */
    Object get(Tags tags, long time, String field) {
        Map<String, Object> row = rows.getOrDefault(tags, new TreeMap<>()).get(time);
        return row == null ? null : row.get(field);
    }

    /** Returns the rows a raw scan should return, per series and time, with the requested fields' values. */
    Map<Tags, TreeMap<Long, Map<String, Object>>> raw(ScanRequest request) {
        Set<String> wanted = wanted(request);
        Map<Tags, TreeMap<Long, Map<String, Object>>> out = new TreeMap<>();
        selected(request).forEach((tags, series) -> {
            TreeMap<Long, Map<String, Object>> kept = new TreeMap<>();
            series.forEach((time, row) -> {
                Map<String, Object> projected = new HashMap<>(row);
                projected.keySet().retainAll(wanted);
                if (!projected.isEmpty()) {
                    kept.put(time, projected);
                }
            });
            if (request.latestPerSeries() > 0) {
                Set<Long> latest = new TreeSet<>();
                for (String field : wanted) {
                    kept.descendingMap().entrySet().stream().filter(e -> e.getValue().containsKey(field))
                            .limit(request.latestPerSeries()).forEach(e -> latest.add(e.getKey()));
                }
                kept.keySet().retainAll(latest);
            }
            if (!kept.isEmpty()) {
                out.put(tags, kept);
            }
        });
        return out;
    }

    /**
     * Returns an aggregation's values per group, bucket and column name ("avg(v)"), only for buckets that have a
     * value of a requested field; non-count columns only where the field has values.
     */
    Map<Tags, TreeMap<Long, Map<String, Double>>> aggregate(ScanRequest request) {
        Aggregation aggregation = request.aggregation();
        Set<String> wanted = wanted(request);
        Map<Tags, TreeMap<Long, Map<String, List<Double>>>> values = new TreeMap<>();
        Map<Tags, TreeMap<Long, Map<String, double[]>>> totals = new TreeMap<>();
        selected(request).forEach((tags, series) -> {
            Tags group = tags.select(aggregation.groupBy());
            for (String field : wanted) {
                Map.Entry<Long, Double> previous = null;
                for (Map.Entry<Long, Map<String, Object>> row : series.entrySet()) {
                    Object value = row.getValue().get(field);
                    if (value == null) {
                        continue;
                    }
                    long bucket = aggregation.bucketOf(row.getKey(), request.startNanos());
                    List<Double> list = values.computeIfAbsent(group, g -> new TreeMap<>())
                            .computeIfAbsent(bucket, b -> new HashMap<>()).computeIfAbsent(field, f -> new ArrayList<>());
                    if (!(value instanceof Number n)) {
                        list.add(Double.NaN);
                        continue;
                    }
                    double v = n.doubleValue();
                    list.add(v);
                    double[] total = totals.computeIfAbsent(group, g -> new TreeMap<>())
                            .computeIfAbsent(bucket, b -> new HashMap<>()).computeIfAbsent(field, f -> new double[2]);
                    if (previous != null) {
                        total[1] += Math.max(0, v - previous.getValue());
                        if (aggregation.bucketOf(previous.getKey(), request.startNanos()) == bucket) {
                            total[0] += (previous.getValue() + v) / 2 * ((row.getKey() - previous.getKey()) / 1e9);
                        }
                    }
                    previous = Map.entry(row.getKey(), v);
                }
            }
        });
        Map<Tags, TreeMap<Long, Map<String, Double>>> out = new TreeMap<>();
        values.forEach((group, buckets) -> buckets.forEach((bucket, byField) -> {
            Map<String, Double> columns = out.computeIfAbsent(group, g -> new TreeMap<>())
                    .computeIfAbsent(bucket, b -> new TreeMap<>());
            for (String field : wanted) {
                List<Double> list = byField.getOrDefault(field, List.of());
                columns.put("count(" + field + ")", (double) list.size());
                if (list.isEmpty() || list.get(0).isNaN()) {
                    continue;
                }
                List<Double> sorted = list.stream().sorted().toList();
                double sum = list.stream().mapToDouble(Double::doubleValue).sum();
                double[] total = totals.get(group).get(bucket).get(field);
                for (AggregateFunction function : aggregation.functions()) {
                    double value = switch (function) {
                        case COUNT -> list.size();
                        case SUM -> sum;
                        case MIN -> sorted.get(0);
                        case MAX -> sorted.get(sorted.size() - 1);
                        case AVG -> sum / list.size();
                        case P50 -> rank(sorted, 50);
                        case P95 -> rank(sorted, 95);
                        case P99 -> rank(sorted, 99);
                        case INTEGRAL -> total[0];
                        case INCREASE -> total[1];
                    };
                    columns.put(Aggregation.columnName(function, field), value);
                }
            }
        }));
        return out;
    }

    /** Returns a store's raw result in the shape of {@link #raw}, checking that times ascend within a series. */
    static Map<Tags, TreeMap<Long, Map<String, Object>>> rowsOf(List<SeriesBatch> batches) {
        Map<Tags, TreeMap<Long, Map<String, Object>>> out = new TreeMap<>();
        for (SeriesBatch batch : batches) {
            TreeMap<Long, Map<String, Object>> series = out.computeIfAbsent(batch.tags(), t -> new TreeMap<>());
            for (int r = 0; r < batch.size(); r++) {
                long time = batch.times()[r];
                if (!series.isEmpty() && series.lastKey() >= time) {
                    throw new AssertionError("times not ascending in " + batch.tags() + " at " + time);
                }
                Map<String, Object> row = new HashMap<>();
                for (FieldColumn column : batch.columns()) {
                    if (column.isPresent(r)) {
                        row.put(column.name(), column.valueAt(r));
                    }
                }
                series.put(time, row);
            }
        }
        return out;
    }

    private Set<String> wanted(ScanRequest request) {
        Set<String> wanted = new LinkedHashSet<>(request.fields().isEmpty() ? fields : request.fields());
        wanted.retainAll(fields);
        return wanted;
    }

    /** Returns the rows in the range, of the series the tag predicates select, that meet the field predicates. */
    private Map<Tags, TreeMap<Long, Map<String, Object>>> selected(ScanRequest request) {
        Map<Tags, TreeMap<Long, Map<String, Object>>> out = new TreeMap<>();
        rows.forEach((tags, series) -> {
            for (TagPredicate p : request.predicates()) {
                if (tags.get(p.key()) == null || !p.values().contains(tags.get(p.key()))) {
                    return;
                }
            }
            TreeMap<Long, Map<String, Object>> kept = new TreeMap<>();
            series.subMap(request.startNanos(), request.endNanos()).forEach((time, row) -> {
                if (meets(row, request.fieldPredicates())) {
                    kept.put(time, row);
                }
            });
            out.put(tags, kept);
        });
        return out;
    }

    private static boolean meets(Map<String, Object> row, List<FieldPredicate> predicates) {
        for (FieldPredicate p : predicates) {
            Object value = row.get(p.field());
            if (!(value instanceof Double || value instanceof Long) || !p.test(((Number) value).doubleValue())) {
                return false;
            }
        }
        return true;
    }

    private static double rank(List<Double> sorted, int p) {
        return sorted.get(Math.max((p * sorted.size() + 99) / 100, 1) - 1);
    }
}
