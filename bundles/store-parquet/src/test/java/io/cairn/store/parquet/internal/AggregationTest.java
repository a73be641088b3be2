package io.cairn.store.parquet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.SeriesBatch;
import io.cairn.api.store.TagPredicate;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregationTest {
    static final long MINUTE = 60_000_000_000L;
    static final long T0 = ParquetStoreTest.T0;
    static final List<AggregateFunction> ALL = List.of(AggregateFunction.COUNT, AggregateFunction.SUM,
            AggregateFunction.MIN, AggregateFunction.MAX, AggregateFunction.AVG);

    @TempDir
    Path dir;

    /** Expected aggregates, "group bucket column" → value, computed point by point. */
    private final Map<String, double[]> expected = new TreeMap<>();

    @Test
    void aggregatesEqualABruteForceComputation() {
        ParquetStore store = new ParquetStore(dir, new Settings(CompressionCodecName.ZSTD, 512L << 20, 0, 16));
        Random random = new Random(7);
        long start = T0 + 17 * MINUTE;
        long end = T0 + 170 * MINUTE;
        long bucket = 25 * MINUTE;
        for (int b = 0; b < 6; b++) {
            WriteBatch.Builder batch = WriteBatch.builder("db", "cpu");
            for (int i = 0; i < 500; i++) {
                String host = "h" + random.nextInt(5);
                String region = random.nextBoolean() ? "east" : "west";
                long time = T0 + (b * 500L + i) * 23_000_000_000L;
                int row = batch.addRow(Tags.of("host", host, "region", region), time);
                double user = random.nextDouble() * 100;
                long idle = random.nextInt(1000) - 500;
                batch.setDouble(row, "usage_user", user);
                if (i % 3 != 0) {
                    batch.setLong(row, "idle", idle);
                }
                if (time >= start && time < end && !host.equals("h4")) {
                    String key = region + " " + Math.floorDiv(time, bucket) * bucket;
                    add(key + " usage_user", user);
                    if (i % 3 != 0) {
                        add(key + " idle", idle);
                    }
                }
            }
            store.write(batch.build());
            if (b == 3) {
                store.compactNow();
            }
        }
        Aggregation aggregation = new Aggregation(bucket, List.of("region"), ALL);
        var request = new ScanRequest("db", "cpu", start, end,
                List.of(new TagPredicate("host", Set.of("h0", "h1", "h2", "h3"))), List.of("usage_user", "idle"),
                aggregation, 0);
        Map<String, Double> actual = new TreeMap<>();
        try (ScanCursor cursor = store.scan(request)) {
            SeriesBatch batch;
            while ((batch = cursor.next()) != null) {
                for (int r = 0; r < batch.size(); r++) {
                    for (var c : batch.columns()) {
                        actual.put(batch.tags().get("region") + " " + batch.times()[r] + " " + c.name(), c.doubleAt(r));
                    }
                }
            }
        }
        Map<String, Double> want = new TreeMap<>();
        expected.forEach((key, acc) -> {
            String[] parts = key.split(" ");
            String prefix = parts[0] + " " + parts[1] + " ";
            want.put(prefix + "count(" + parts[2] + ")", acc[0]);
            want.put(prefix + "sum(" + parts[2] + ")", acc[1]);
            want.put(prefix + "min(" + parts[2] + ")", acc[2]);
            want.put(prefix + "max(" + parts[2] + ")", acc[3]);
            want.put(prefix + "avg(" + parts[2] + ")", acc[1] / acc[0]);
        });
        assertEquals(want.keySet(), actual.keySet());
        want.forEach((k, v) -> assertEquals(v, actual.get(k), Math.abs(v) * 1e-9, k));
    }

    private void add(String key, double value) {
        double[] acc = expected.computeIfAbsent(key, k -> new double[] {0, 0, Double.MAX_VALUE, -Double.MAX_VALUE});
        acc[0]++;
        acc[1] += value;
        acc[2] = Math.min(acc[2], value);
        acc[3] = Math.max(acc[3], value);
    }

    @Test
    void countMinMaxOfACompactedHourComeFromStatisticsWithTheSameAnswer() {
        ParquetStore store = new ParquetStore(dir, new Settings(CompressionCodecName.ZSTD, 512L << 20, 0, 16));
        Random random = new Random(3);
        for (int b = 0; b < 3; b++) {
            WriteBatch.Builder batch = WriteBatch.builder("db", "cpu");
            for (int i = 0; i < 2000; i++) {
                int row = batch.addRow(Tags.of("host", "h" + i % 4), T0 + (b * 2000L + i) * 2_000_000_000L);
                batch.setDouble(row, "usage_user", random.nextGaussian());
                if (i % 5 != 0) {
                    batch.setLong(row, "idle", random.nextInt(1000));
                }
            }
            store.write(batch.build());
        }
        List<AggregateFunction> countMinMax = List.of(AggregateFunction.COUNT, AggregateFunction.MIN, AggregateFunction.MAX);
        var perHour = request(new Aggregation(3_600_000_000_000L, List.of(), countMinMax), List.of());
        var byHost = request(new Aggregation(3_600_000_000_000L, List.of("host"), countMinMax), List.of());
        var oneHost = request(new Aggregation(0, List.of("host"), countMinMax),
                List.of(new TagPredicate("host", Set.of("h1"))));
        Map<String, Double> perHourBefore = aggregated(store, perHour);
        Map<String, Double> byHostBefore = aggregated(store, byHost);
        int before = store.stats().get("aggregations_from_statistics").intValue();
        assertEquals(2, before, "the first and last hour have one file each already");

        store.compactNow();
        assertEquals(perHourBefore, aggregated(store, perHour));
        int fromStatistics = store.stats().get("aggregations_from_statistics").intValue();
        assertEquals(before + 4, fromStatistics, "one compacted file per hour, answered from its footer");
        assertEquals(byHostBefore, aggregated(store, byHost), "several hosts per row group: values are read");
        assertEquals(fromStatistics, store.stats().get("aggregations_from_statistics").intValue());
        assertEquals(1500.0, aggregated(store, oneHost).get("{host=h1} " + T0 + " count(usage_user)"));
    }

    private static ScanRequest request(Aggregation aggregation, List<TagPredicate> predicates) {
        return new ScanRequest("db", "cpu", T0, T0 + 24 * 3_600_000_000_000L, predicates,
                List.of("usage_user", "idle"), aggregation, 0);
    }

    private static Map<String, Double> aggregated(ParquetStore store, ScanRequest request) {
        Map<String, Double> out = new TreeMap<>();
        try (ScanCursor cursor = store.scan(request)) {
            SeriesBatch batch;
            while ((batch = cursor.next()) != null) {
                for (int r = 0; r < batch.size(); r++) {
                    for (var c : batch.columns()) {
                        out.put(batch.tags() + " " + batch.times()[r] + " " + c.name(), c.doubleAt(r));
                    }
                }
            }
        }
        return out;
    }
}
