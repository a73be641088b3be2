package io.cairn.store.lmdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.FieldPredicate;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.SeriesBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Every point written to a store kept in maps, answering scans by brute force for tests to compare with. */
final class ScanReference {
    private final Map<Tags, TreeMap<Long, Map<String, Object>>> series = new HashMap<>();

    /** Records a batch as the store applies it: each (series, field, time) replaces an earlier value. */
    void add(WriteBatch batch) {
        for (int r = 0; r < batch.size(); r++) {
            Map<String, Object> row = series.computeIfAbsent(batch.tags(r), t -> new TreeMap<>())
                    .computeIfAbsent(batch.time(r), t -> new HashMap<>());
            for (FieldColumn c : batch.fields()) {
                if (c.isPresent(r)) {
                    row.put(c.name(), c.valueAt(r));
                }
            }
        }
    }

    /** Returns the rows of a raw scan of a request per series: time, then each field's value or null. */
    Map<Tags, List<List<Object>>> raw(ScanRequest request) {
        Map<Tags, List<List<Object>>> out = new HashMap<>();
        series.forEach((tags, rows) -> {
            if (!request.predicates().stream().allMatch(p -> p.values().contains(tags.get(p.key())))) {
                return;
            }
            List<List<Object>> kept = new ArrayList<>();
            rows.subMap(request.startNanos(), request.endNanos()).forEach((time, values) -> {
                if (meets(values, request) && (!request.fieldPredicates().isEmpty()
                        || request.fields().stream().anyMatch(values::containsKey))) {
                    List<Object> row = new ArrayList<>();
                    row.add(time);
                    request.fields().forEach(f -> row.add(values.get(f)));
                    kept.add(row);
                }
            });
            int n = request.latestPerSeries();
            List<List<Object>> answer = n > 0 ? latestOfEachField(kept, n) : kept;
            if (!answer.isEmpty()) {
                out.put(tags, answer);
            }
        });
        return out;
    }

    /** Keeps the rows at the latest n times at which each field (a column after the time) has a value. */
    private static List<List<Object>> latestOfEachField(List<List<Object>> rows, int n) {
        Set<Integer> chosen = new HashSet<>();
        for (int column = 1; !rows.isEmpty() && column < rows.get(0).size(); column++) {
            int left = n;
            for (int r = rows.size() - 1; r >= 0 && left > 0; r--) {
                if (rows.get(r).get(column) != null) {
                    chosen.add(r);
                    left--;
                }
            }
        }
        List<List<Object>> out = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            if (chosen.contains(r)) {
                out.add(rows.get(r));
            }
        }
        return out;
    }

    /** Returns the result of an aggregation of the basic functions as "group|bucket|column" to value (null: absent). */
    Map<String, Double> aggregate(ScanRequest request) {
        Aggregation aggregation = request.aggregation();
        Map<String, List<Double>> values = new TreeMap<>();
        Map<String, Boolean> numeric = new HashMap<>();
        series.forEach((tags, rows) -> {
            if (!request.predicates().stream().allMatch(p -> p.values().contains(tags.get(p.key())))) {
                return;
            }
            Tags group = tags.select(aggregation.groupBy());
            rows.subMap(request.startNanos(), request.endNanos()).forEach((time, row) -> {
                if (!meets(row, request)) {
                    return;
                }
                long bucket = aggregation.bucketOf(time, request.startNanos());
                for (String f : request.fields()) {
                    List<Double> cell = values.computeIfAbsent(group + "|" + bucket + "|" + f, k -> new ArrayList<>());
                    Object v = row.get(f);
                    if (v != null) {
                        cell.add(v instanceof Number x ? x.doubleValue() : Double.NaN);
                        numeric.put(f, v instanceof Number);
                    }
                }
            });
        });
        Map<String, Double> out = new TreeMap<>();
        Map<String, Boolean> bucketUsed = new HashMap<>();
        values.forEach((key, cell) -> {
            String bucket = key.substring(0, key.lastIndexOf('|'));
            bucketUsed.merge(bucket, !cell.isEmpty(), Boolean::logicalOr);
        });
        values.forEach((key, cell) -> {
            String bucket = key.substring(0, key.lastIndexOf('|'));
            String field = key.substring(key.lastIndexOf('|') + 1);
            if (!bucketUsed.get(bucket)) {
                return;
            }
            for (AggregateFunction function : aggregation.functions()) {
                String column = bucket + "|" + Aggregation.columnName(function, field);
                boolean number = Boolean.TRUE.equals(numeric.get(field));
                if (function == AggregateFunction.COUNT) {
                    out.put(column, (double) cell.size());
                } else if (cell.isEmpty() || !number) {
                    out.put(column, null);
                } else {
                    double sum = cell.stream().mapToDouble(Double::doubleValue).sum();
                    out.put(column, switch (function) {
                        case SUM -> sum;
                        case MIN -> cell.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                        case MAX -> cell.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                        case AVG -> sum / cell.size();
                        default -> throw new IllegalArgumentException(function.name());
                    });
                }
            }
        });
        return out;
    }

    private static boolean meets(Map<String, Object> row, ScanRequest request) {
        for (FieldPredicate p : request.fieldPredicates()) {
            if (!(row.get(p.field()) instanceof Number n) || !p.test(n.doubleValue())) {
                return false;
            }
        }
        return true;
    }

    /** Asserts that a store's aggregation cells are the expected ones, sums and means up to rounding. */
    static void assertSameCells(Map<String, Double> expected, Map<String, Double> actual, String message) {
        assertEquals(expected.keySet(), actual.keySet(), message);
        expected.forEach((cell, value) -> {
            Double got = actual.get(cell);
            if (value == null || got == null) {
                assertEquals(value, got, cell);
            } else {
                assertEquals(value, got, 1e-9 * Math.max(1, Math.abs(value)), cell);
            }
        });
    }

    /** Returns a raw scan's batches as rows per series, like {@link #raw}. */
    static Map<Tags, List<List<Object>>> rowsOf(List<SeriesBatch> batches, List<String> fields) {
        Map<Tags, List<List<Object>>> out = new HashMap<>();
        for (SeriesBatch b : batches) {
            List<List<Object>> rows = out.computeIfAbsent(b.tags(), t -> new ArrayList<>());
            for (int r = 0; r < b.size(); r++) {
                List<Object> row = new ArrayList<>();
                row.add(b.times()[r]);
                for (String f : fields) {
                    row.add(b.column(f).valueAt(r));
                }
                rows.add(row);
            }
        }
        return out;
    }

    /** Returns an aggregation's batches as "group|bucket|column" to value (null: absent), like {@link #aggregate}. */
    static Map<String, Double> cellsOf(List<SeriesBatch> batches) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (SeriesBatch b : batches) {
            for (int r = 0; r < b.size(); r++) {
                for (FieldColumn c : b.columns()) {
                    out.put(b.tags() + "|" + b.times()[r] + "|" + c.name(), c.isPresent(r) ? c.doubleAt(r) : null);
                }
            }
        }
        return new TreeMap<>(out);
    }
}
