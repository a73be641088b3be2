package io.cairn.query.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.FieldPredicate;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.SeriesBatch;
import io.cairn.api.store.StoreCapability;
import io.cairn.api.store.StoreHealth;
import io.cairn.api.store.TagPredicate;
import io.cairn.api.store.TimeSeriesStore;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store for tests serving points from memory: raw scans cut each series into small batches and
 * interleave the series; it honours time range, tag filters, field predicates and the latest rows per series only
 * when it declares them, and aggregates (naively, point by point) only when it declares AGGREGATION.
 */
final class MemoryStore implements TimeSeriesStore {
    /** One stored point of one field. */
    record Point(String measurement, Tags tags, long time, String field, Object value) {
    }

    final List<Point> points = new ArrayList<>();
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final AtomicInteger aggregateScans = new AtomicInteger();
    final AtomicInteger servedBatches = new AtomicInteger();
    private final Set<StoreCapability> capabilities;
    private final int batchRows;
    private final long sleepMillisPerBatch;
    StoreHealth health = new StoreHealth(true, "ok");

    MemoryStore(Set<StoreCapability> capabilities, int batchRows, long sleepMillisPerBatch) {
        this.capabilities = capabilities;
        this.batchRows = batchRows;
        this.sleepMillisPerBatch = sleepMillisPerBatch;
    }

    void add(String measurement, Tags tags, long time, String field, Object value) {
        points.add(new Point(measurement, tags, time, field, value));
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Set<StoreCapability> capabilities() {
        return capabilities;
    }

    @Override
    public void write(WriteBatch batch) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScanCursor scan(ScanRequest request) {
        Map<Tags, TreeMap<Long, Map<String, Object>>> series = new TreeMap<>();
        for (Point p : points) {
            if (!p.measurement.equals(request.measurement()) || !"default".equals(request.database())) {
                continue;
            }
            boolean inRange = p.time >= request.startNanos() && p.time < request.endNanos();
            if (capabilities.contains(StoreCapability.TIME_RANGE) && !inRange) {
                continue;
            }
            if (capabilities.contains(StoreCapability.TAG_FILTER) && !matches(p.tags, request.predicates())) {
                continue;
            }
            series.computeIfAbsent(p.tags, t -> new TreeMap<>())
                    .computeIfAbsent(p.time, t -> new TreeMap<>()).put(p.field, p.value);
        }
        if (capabilities.contains(StoreCapability.FIELD_FILTER)) {
            series.values().forEach(rows -> rows.values().removeIf(row -> !meets(row, request.fieldPredicates())));
        }
        if (capabilities.contains(StoreCapability.LATEST) && request.aggregation() == null
                && request.latestPerSeries() > 0) {
            series.values().forEach(rows -> keepLatest(rows, request));
        }
        List<SeriesBatch> batches = request.aggregation() == null
                ? rawBatches(series, request) : aggregate(series, request);
        opened.incrementAndGet();
        Iterator<SeriesBatch> it = batches.iterator();
        return new ScanCursor() {
            private boolean done;

            @Override
            public SeriesBatch next() {
                if (done || !it.hasNext()) {
                    return null;
                }
                if (sleepMillisPerBatch > 0) {
                    try {
                        Thread.sleep(sleepMillisPerBatch);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                servedBatches.incrementAndGet();
                return it.next();
            }

            @Override
            public void close() {
                if (!done) {
                    done = true;
                    closed.incrementAndGet();
                }
            }
        };
    }

    private static boolean meets(Map<String, Object> row, List<FieldPredicate> predicates) {
        for (FieldPredicate p : predicates) {
            if (!(row.get(p.field()) instanceof Number n) || !p.test(n.doubleValue())) {
                return false;
            }
        }
        return true;
    }

    /** Keeps the rows at the latest n times at which each requested field (all when none are) has a value. */
    private void keepLatest(TreeMap<Long, Map<String, Object>> rows, ScanRequest request) {
        Set<String> fields = new TreeSet<>();
        rows.values().forEach(row -> fields.addAll(row.keySet()));
        if (capabilities.contains(StoreCapability.PROJECTION) && !request.fields().isEmpty()) {
            fields.retainAll(request.fields());
        }
        Set<Long> kept = new TreeSet<>();
        for (String field : fields) {
            rows.descendingMap().entrySet().stream().filter(row -> row.getValue().containsKey(field))
                    .limit(request.latestPerSeries()).forEach(row -> kept.add(row.getKey()));
        }
        rows.keySet().retainAll(kept);
    }

    private static boolean matches(Tags tags, List<TagPredicate> predicates) {
        for (TagPredicate p : predicates) {
            if (tags.get(p.key()) == null || !p.values().contains(tags.get(p.key()))) {
                return false;
            }
        }
        return true;
    }

    private List<SeriesBatch> rawBatches(Map<Tags, TreeMap<Long, Map<String, Object>>> series, ScanRequest request) {
        List<List<SeriesBatch>> perSeries = new ArrayList<>();
        for (Map.Entry<Tags, TreeMap<Long, Map<String, Object>>> s : series.entrySet()) {
            List<Map.Entry<Long, Map<String, Object>>> rows = new ArrayList<>(s.getValue().entrySet());
            Set<String> fields = new TreeSet<>();
            rows.forEach(r -> fields.addAll(r.getValue().keySet()));
            if (capabilities.contains(StoreCapability.PROJECTION) && !request.fields().isEmpty()) {
                fields.retainAll(request.fields());
            }
            List<SeriesBatch> batches = new ArrayList<>();
            for (int from = 0; from < rows.size(); from += batchRows) {
                List<Map.Entry<Long, Map<String, Object>>> part = rows.subList(from, Math.min(rows.size(), from + batchRows));
                long[] times = part.stream().mapToLong(Map.Entry::getKey).toArray();
                List<FieldColumn> columns = new ArrayList<>();
                for (String f : fields) {
                    columns.add(column(f, part));
                }
                batches.add(new SeriesBatch(s.getKey(), part.size(), times, columns));
            }
            perSeries.add(batches);
        }
        List<SeriesBatch> interleaved = new ArrayList<>();
        for (int i = 0; ; i++) {
            boolean any = false;
            for (List<SeriesBatch> b : perSeries) {
                if (i < b.size()) {
                    interleaved.add(b.get(i));
                    any = true;
                }
            }
            if (!any) {
                return interleaved;
            }
        }
    }

    private static FieldColumn column(String field, List<Map.Entry<Long, Map<String, Object>>> rows) {
        int n = rows.size();
        BitSet present = new BitSet();
        Object sample = null;
        for (int i = 0; i < n; i++) {
            Object v = rows.get(i).getValue().get(field);
            if (v != null) {
                present.set(i);
                sample = v;
            }
        }
        FieldColumn c;
        if (sample instanceof Long) {
            long[] a = new long[n];
            for (int i = 0; i < n; i++) {
                a[i] = present.get(i) ? (Long) rows.get(i).getValue().get(field) : 0;
            }
            c = FieldColumn.ofLongs(field, a, n);
        } else if (sample instanceof String) {
            String[] a = new String[n];
            for (int i = 0; i < n; i++) {
                a[i] = (String) rows.get(i).getValue().get(field);
            }
            c = FieldColumn.ofStrings(field, a, n);
        } else {
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = present.get(i) ? (Double) rows.get(i).getValue().get(field) : 0;
            }
            c = FieldColumn.ofDoubles(field, a, n);
        }
        return present.cardinality() == n ? c : c.withPresence(present);
    }

    private static double nearestRank(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.max((p * sorted.size() + 99) / 100, 1) - 1);
    }

    private List<SeriesBatch> aggregate(Map<Tags, TreeMap<Long, Map<String, Object>>> series, ScanRequest request) {
        if (!capabilities.contains(StoreCapability.AGGREGATION)) {
            throw new AssertionError("aggregation pushed to a store without the capability");
        }
        aggregateScans.incrementAndGet();
        Aggregation agg = request.aggregation();
        String field = request.fields().get(0);
        if (!agg.functions().stream().allMatch(AggregateFunction::isBasic)
                && !capabilities.contains(StoreCapability.ADVANCED_AGGREGATION)) {
            throw new AssertionError("an advanced aggregation pushed to a store without the capability");
        }
        Map<Tags, TreeMap<Long, List<Double>>> groups = new TreeMap<>();
        Map<Tags, Map<Long, double[]>> totals = new HashMap<>();
        series.forEach((tags, rows) -> {
            long previousTime = 0;
            double previous = Double.NaN;
            for (Map.Entry<Long, Map<String, Object>> row : rows.entrySet()) {
                Object v = row.getValue().get(field);
                if (v == null) {
                    continue;
                }
                double value = ((Number) v).doubleValue();
                long time = row.getKey();
                long bucket = agg.bucketOf(time, request.startNanos());
                Tags group = tags.select(agg.groupBy());
                groups.computeIfAbsent(group, g -> new TreeMap<>()).computeIfAbsent(bucket, b -> new ArrayList<>()).add(value);
                double[] total = totals.computeIfAbsent(group, g -> new HashMap<>()).computeIfAbsent(bucket, b -> new double[2]);
                if (!Double.isNaN(previous)) {
                    total[1] += Math.max(0, value - previous);
                    if (agg.bucketOf(previousTime, request.startNanos()) == bucket) {
                        total[0] += (previous + value) / 2 * ((time - previousTime) / 1e9);
                    }
                }
                previous = value;
                previousTime = time;
            }
        });
        List<SeriesBatch> batches = new ArrayList<>();
        groups.forEach((group, buckets) -> {
            int n = buckets.size();
            long[] times = buckets.keySet().stream().mapToLong(Long::longValue).toArray();
            List<FieldColumn> columns = new ArrayList<>();
            for (AggregateFunction f : agg.functions()) {
                double[] out = new double[n];
                int i = 0;
                for (Map.Entry<Long, List<Double>> bucket : buckets.entrySet()) {
                    List<Double> vs = bucket.getValue();
                    double[] total = totals.get(group).get(bucket.getKey());
                    out[i++] = switch (f) {
                        case COUNT -> vs.size();
                        case SUM -> vs.stream().mapToDouble(Double::doubleValue).sum();
                        case MIN -> vs.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                        case MAX -> vs.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                        case AVG -> vs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                        case P50 -> nearestRank(vs, 50);
                        case P95 -> nearestRank(vs, 95);
                        case P99 -> nearestRank(vs, 99);
                        case INTEGRAL -> total[0];
                        case INCREASE -> total[1];
                    };
                }
                columns.add(FieldColumn.ofDoubles(Aggregation.columnName(f, field), out, n));
            }
            batches.add(new SeriesBatch(group, n, times, columns));
        });
        return batches;
    }

    @Override
    public List<String> databases() {
        return List.of("default");
    }

    @Override
    public List<String> measurements(String database) {
        return "default".equals(database)
                ? points.stream().map(Point::measurement).distinct().sorted().toList() : List.of();
    }

    @Override
    public List<String> tagKeys(String database, String measurement) {
        TreeSet<String> keys = new TreeSet<>();
        points.stream().filter(p -> p.measurement.equals(measurement) && "default".equals(database))
                .forEach(p -> keys.addAll(p.tags.toMap().keySet()));
        return List.copyOf(keys);
    }

    @Override
    public List<String> tagValues(String database, String measurement, String key, int limit) {
        return points.stream().filter(p -> p.measurement.equals(measurement) && "default".equals(database))
                .map(p -> p.tags.get(key)).filter(v -> v != null).distinct().sorted().limit(limit).toList();
    }

    @Override
    public Map<String, FieldType> fields(String database, String measurement) {
        Map<String, FieldType> fields = new TreeMap<>();
        points.stream().filter(p -> p.measurement.equals(measurement) && "default".equals(database))
                .forEach(p -> fields.put(p.field, p.value instanceof Long ? FieldType.INTEGER
                        : p.value instanceof String ? FieldType.STRING : FieldType.FLOAT));
        return fields;
    }

    @Override
    public long seriesCount(String database, String measurement) {
        return points.stream().filter(p -> p.measurement.equals(measurement)).map(Point::tags).distinct().count();
    }

    @Override
    public boolean seriesExists(String database, String measurement, Tags tags) {
        return points.stream().anyMatch(p -> p.measurement.equals(measurement) && p.tags.equals(tags));
    }

    @Override
    public long deleteBefore(String database, String measurement, long timeNanos) {
        throw new UnsupportedOperationException();
    }

    @Override
    public StoreHealth health() {
        return health;
    }

    @Override
    public Map<String, Number> stats() {
        return Map.of("points", points.size());
    }
}
