package io.cairn.store.clickhouse.internal;

import static io.cairn.store.clickhouse.internal.TestStores.aggregate;
import static io.cairn.store.clickhouse.internal.TestStores.all;
import static io.cairn.store.clickhouse.internal.TestStores.tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.SeriesBatch;
import io.cairn.api.store.TagPredicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Aggregations computed by ClickHouse equal the same aggregations computed here from the written points. */
@ExtendWith(ClickHouseServer.class)
class AggregationTest {
    static final long T0 = 1_700_000_000_000_000_000L;
    static final long SECOND = 1_000_000_000L;
    private static final List<AggregateFunction> ALL = List.of(AggregateFunction.values());

    private static ClickHouseSettings settings;
    private static ClickHouseStore store;
    /** Every written point: tags, time, value of "v" (FLOAT) and "n" (INTEGER, every third row). */
    private static final List<Object[]> POINTS = new ArrayList<>();

    @BeforeAll
    static void open() {
        settings = TestStores.settings("agg");
        store = new ClickHouseStore(settings);
        Random random = new Random(11);
        WriteBatch.Builder b = WriteBatch.builder("d", "m");
        for (int i = 0; i < 3000; i++) {
            Tags tags = i % 7 == 0 ? Tags.of("host", "h" + (i % 4)) : Tags.of("host", "h" + (i % 4), "dc", "dc" + (i % 3));
            long time = T0 - 3600 * SECOND + random.nextLong(7200) * SECOND + i;
            int row = b.addRow(tags, time);
            double v = random.nextGaussian() * 100;
            b.setDouble(row, "v", v);
            Long n = null;
            if (i % 3 == 0) {
                n = (long) random.nextInt(1000) - 500;
                b.setLong(row, "n", n);
            }
            b.setString(row, "s", "x");
            POINTS.add(new Object[] {tags, time, v, n});
        }
        WriteBatch batch = b.build();
        store.write(batch);
        store.write(batch);
    }

    @AfterAll
    static void close() {
        store.close();
        TestStores.drop(settings);
    }

    @Test
    void bucketsAndGroupsEqualBruteForce() {
        check(60 * SECOND, List.of("host"), List.of(), T0 - 1800 * SECOND, T0 + 1800 * SECOND);
        check(7 * SECOND, List.of("dc", "host"), List.of(tag("host", "h1", "h2")), T0 - 100 * SECOND, T0 + 100 * SECOND);
        check(0, List.of("dc"), List.of(), T0 - 7200 * SECOND, T0 + 7200 * SECOND);
        check(3600 * SECOND, List.of(), List.of(tag("dc", "dc0")), T0 - 7200 * SECOND, T0 + 7200 * SECOND);
    }

    @Test
    void nonNumericFieldsOnlyCount() {
        List<SeriesBatch> result = all(store, aggregate("d", "m", T0 - 7200 * SECOND, T0 + 7200 * SECOND, List.of(),
                List.of("s"), new Aggregation(0, List.of(), List.of(AggregateFunction.COUNT, AggregateFunction.SUM))));
        assertEquals(1, result.size());
        assertEquals(3000, result.get(0).column("count(s)").doubleAt(0));
        assertFalse(result.get(0).column("sum(s)").isPresent(0));
    }

    private static void check(long bucket, List<String> groupBy, List<TagPredicate> predicates, long start, long end) {
        Aggregation aggregation = new Aggregation(bucket, groupBy, ALL);
        List<SeriesBatch> result = all(store, aggregate("d", "m", start, end, predicates, List.of("v", "n"), aggregation));
        Map<Tags, TreeMap<Long, double[][]>> expected = new TreeMap<>();
        for (Object[] p : POINTS) {
            Tags tags = (Tags) p[0];
            long time = (Long) p[1];
            if (time < start || time >= end || !matches(tags, predicates)) {
                continue;
            }
            double[][] acc = expected.computeIfAbsent(tags.select(groupBy), g -> new TreeMap<>())
                    .computeIfAbsent(aggregation.bucketOf(time, start), t -> new double[][] {
                            {0, 0, Double.MAX_VALUE, -Double.MAX_VALUE}, {0, 0, Double.MAX_VALUE, -Double.MAX_VALUE}});
            add(acc[0], (Double) p[2]);
            if (p[3] != null) {
                add(acc[1], ((Long) p[3]).doubleValue());
            }
        }
        assertEquals(new ArrayList<>(expected.keySet()), result.stream().map(SeriesBatch::tags).toList());
        int checked = 0;
        for (SeriesBatch batch : result) {
            TreeMap<Long, double[][]> buckets = expected.get(batch.tags());
            assertEquals(new ArrayList<>(buckets.keySet()), java.util.Arrays.stream(batch.times(), 0, batch.size()).boxed().toList());
            for (int r = 0; r < batch.size(); r++) {
                double[][] acc = buckets.get(batch.times()[r]);
                String[] fields = {"v", "n"};
                for (int f = 0; f < 2; f++) {
                    double[] a = acc[f];
                    assertEquals(a[0], batch.column("count(" + fields[f] + ")").doubleAt(r));
                    FieldColumn sum = batch.column("sum(" + fields[f] + ")");
                    if (a[0] == 0) {
                        assertFalse(sum.isPresent(r));
                        continue;
                    }
                    assertEquals(a[1], sum.doubleAt(r), 1e-6);
                    assertEquals(a[2], batch.column("min(" + fields[f] + ")").doubleAt(r));
                    assertEquals(a[3], batch.column("max(" + fields[f] + ")").doubleAt(r));
                    assertEquals(a[1] / a[0], batch.column("avg(" + fields[f] + ")").doubleAt(r), 1e-6);
                    checked++;
                }
            }
        }
        assertTrue(checked > 0);
        checkAdvanced(aggregation, result, predicates, start, end);
    }

    /** Percentiles, integral and increase against a brute force over each series' points in time order. */
    private static void checkAdvanced(Aggregation aggregation, List<SeriesBatch> result, List<TagPredicate> predicates,
            long start, long end) {
        String[] fields = {"v", "n"};
        for (int f = 0; f < 2; f++) {
            Map<Tags, TreeMap<Long, Double>> series = new TreeMap<>();
            for (Object[] p : POINTS) {
                Tags tags = (Tags) p[0];
                long time = (Long) p[1];
                Object value = p[2 + f];
                if (value != null && time >= start && time < end && matches(tags, predicates)) {
                    series.computeIfAbsent(tags, t -> new TreeMap<>()).put(time, ((Number) value).doubleValue());
                }
            }
            Map<Tags, TreeMap<Long, double[]>> totals = new TreeMap<>();
            Map<Tags, TreeMap<Long, List<Double>>> values = new TreeMap<>();
            series.forEach((tags, points) -> {
                Tags group = tags.select(aggregation.groupBy());
                Map.Entry<Long, Double> previous = null;
                for (Map.Entry<Long, Double> point : points.entrySet()) {
                    long bucket = aggregation.bucketOf(point.getKey(), start);
                    values.computeIfAbsent(group, g -> new TreeMap<>()).computeIfAbsent(bucket, b -> new ArrayList<>())
                            .add(point.getValue());
                    double[] total = totals.computeIfAbsent(group, g -> new TreeMap<>()).computeIfAbsent(bucket, b -> new double[2]);
                    if (previous != null) {
                        total[1] += Math.max(0, point.getValue() - previous.getValue());
                        if (aggregation.bucketOf(previous.getKey(), start) == bucket) {
                            total[0] += (previous.getValue() + point.getValue()) / 2
                                    * ((point.getKey() - previous.getKey()) / 1e9);
                        }
                    }
                    previous = point;
                }
            });
            for (SeriesBatch batch : result) {
                for (int r = 0; r < batch.size(); r++) {
                    List<Double> bucketValues = values.getOrDefault(batch.tags(), new TreeMap<>()).get(batch.times()[r]);
                    if (bucketValues == null) {
                        assertFalse(batch.column("p50(" + fields[f] + ")").isPresent(r));
                        continue;
                    }
                    List<Double> sorted = bucketValues.stream().sorted().toList();
                    for (int p : new int[] {50, 95, 99}) {
                        int rank = Math.max((p * sorted.size() + 99) / 100, 1);
                        assertEquals(sorted.get(rank - 1), batch.column("p" + p + "(" + fields[f] + ")").doubleAt(r));
                    }
                    double[] total = totals.get(batch.tags()).get(batch.times()[r]);
                    assertEquals(total[0], batch.column("integral(" + fields[f] + ")").doubleAt(r), 1e-6 * (1 + Math.abs(total[0])));
                    assertEquals(total[1], batch.column("increase(" + fields[f] + ")").doubleAt(r), 1e-6 * (1 + total[1]));
                }
            }
        }
    }

    private static void add(double[] acc, double v) {
        acc[0]++;
        acc[1] += v;
        acc[2] = Math.min(acc[2], v);
        acc[3] = Math.max(acc[3], v);
    }

    private static boolean matches(Tags tags, List<TagPredicate> predicates) {
        return predicates.stream().allMatch(p -> tags.get(p.key()) != null && p.values().contains(tags.get(p.key())));
    }
}
