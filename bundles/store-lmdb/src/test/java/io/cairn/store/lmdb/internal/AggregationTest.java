package io.cairn.store.lmdb.internal;

import static io.cairn.store.lmdb.internal.Scans.tag;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every aggregation compared with a brute-force computation over the same random points. */
class AggregationTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long MINUTE = 60_000_000_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final List<AggregateFunction> ALL = Arrays.stream(AggregateFunction.values())
            .filter(AggregateFunction::isBasic).toList();

    @TempDir
    static Path dir;
    private static LmdbStore store;
    private static final List<Point> points = new ArrayList<>();

    record Point(Tags tags, long time, String field, double value) {
    }

    @BeforeAll
    static void write() {
        store = new LmdbStore(dir, 64L << 20, 16);
        Random random = new Random(7);
        for (int batch = 0; batch < 3; batch++) {
            WriteBatch.Builder b = WriteBatch.builder("d", "m");
            for (String host : List.of("h0", "h1", "h2")) {
                for (String dc : List.of("x", "y")) {
                    Tags tags = host.equals("h2") && dc.equals("y") ? Tags.of("host", host) : Tags.of("host", host, "dc", dc);
                    long t = T0 + batch * 2 * HOUR + random.nextInt(1000);
                    double walk = random.nextGaussian() * 10;
                    while (t < T0 + (batch + 1) * 2 * HOUR) {
                        int row = b.addRow(tags, t);
                        walk += random.nextGaussian();
                        b.setDouble(row, "v", walk);
                        points.add(new Point(tags, t, "v", walk));
                        if (random.nextInt(3) > 0) {
                            long n = random.nextInt(2001) - 1000;
                            b.setLong(row, "n", n);
                            points.add(new Point(tags, t, "n", n));
                        }
                        t += 1 + random.nextInt(90_000_000) * 1000L;
                    }
                }
            }
            store.write(b.build());
        }
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static void check(long start, long end, long bucket, List<String> groupBy, List<TagPredicate> predicates) {
        Aggregation aggregation = new Aggregation(bucket, groupBy, ALL);
        List<String> fields = List.of("v", "n");
        Map<Tags, TreeMap<Long, Map<String, double[]>>> expected = new TreeMap<>();
        for (Point p : points) {
            boolean matches = p.time() >= start && p.time() < end && predicates.stream()
                    .allMatch(q -> p.tags().get(q.key()) != null && q.values().contains(p.tags().get(q.key())));
            if (matches) {
                double[] acc = expected.computeIfAbsent(p.tags().select(groupBy), g -> new TreeMap<>())
                        .computeIfAbsent(aggregation.bucketOf(p.time(), start), x -> new TreeMap<>())
                        .computeIfAbsent(p.field(), f -> new double[] {0, 0, Double.MAX_VALUE, -Double.MAX_VALUE});
                acc[0]++;
                acc[1] += p.value();
                acc[2] = Math.min(acc[2], p.value());
                acc[3] = Math.max(acc[3], p.value());
            }
        }
        List<SeriesBatch> actual = Scans.all(store, Scans.aggregate("d", "m", start, end, predicates, fields, aggregation));
        assertEquals(new ArrayList<>(expected.keySet()), actual.stream().map(SeriesBatch::tags).toList());
        for (SeriesBatch batch : actual) {
            TreeMap<Long, Map<String, double[]>> buckets = expected.get(batch.tags());
            assertArrayEquals(buckets.keySet().stream().mapToLong(Long::longValue).toArray(),
                    java.util.Arrays.copyOf(batch.times(), batch.size()));
            for (String field : fields) {
                for (AggregateFunction function : ALL) {
                    FieldColumn column = batch.column(Aggregation.columnName(function, field));
                    int row = 0;
                    for (Map<String, double[]> bucketValues : buckets.values()) {
                        double[] acc = bucketValues.get(field);
                        if (acc == null) {
                            if (function == AggregateFunction.COUNT) {
                                assertEquals(0, column.doubleAt(row));
                            } else {
                                assertFalse(column.isPresent(row));
                            }
                        } else {
                            double want = switch (function) {
                                case COUNT -> acc[0];
                                case SUM -> acc[1];
                                case MIN -> acc[2];
                                case MAX -> acc[3];
                                case AVG -> acc[1] / acc[0];
                                default -> throw new AssertionError(function + " is not pushed to LMDB");
                            };
                            assertTrue(column.isPresent(row));
                            assertEquals(want, column.doubleAt(row), 1e-9 * Math.max(1, Math.abs(want)),
                                    function + "(" + field + ") of " + batch.tags() + " row " + row);
                        }
                        row++;
                    }
                }
            }
        }
    }

    @Test
    void oneBucketOverTheWholeRange() {
        check(T0, T0 + 6 * HOUR, 0, List.of(), List.of());
        check(T0 + 17 * MINUTE, T0 + 4 * HOUR + 3, 0, List.of("dc"), List.of());
    }

    @Test
    void hourBucketsAlignedWithChunksUseHeaders() {
        long start = Keys.blockOf(T0) + HOUR;
        check(start, start + 4 * HOUR, HOUR, List.of("host", "dc"), List.of());
        check(start, start + 3 * HOUR, 2 * HOUR, List.of(), List.of());
    }

    @Test
    void oddBucketsAndRangesDecodeChunks() {
        check(T0 + 5 * MINUTE + 11, T0 + 5 * HOUR, 7 * MINUTE, List.of("dc"), List.of());
        check(T0 - HOUR, T0 + 7 * HOUR, 10 * MINUTE, List.of("missing"), List.of());
    }

    @Test
    void aggregationHonoursTagPredicates() {
        check(T0, T0 + 6 * HOUR, 30 * MINUTE, List.of("host"), List.of(tag("dc", "x")));
        check(T0, T0 + 6 * HOUR, 30 * MINUTE, List.of(), List.of(tag("host", "h0", "h2")));
        check(T0, T0 + 6 * HOUR, 0, List.of(), List.of(tag("host", "nobody")));
    }

    @Test
    void groupingByOneKeyStreamsTheGroupsOfItsValues() {
        check(T0, T0 + 6 * HOUR, HOUR, List.of("host"), List.of(tag("host", "h2", "h0")));
        check(T0, T0 + 6 * HOUR, 0, List.of("dc"), List.of(tag("host", "h2")));
        check(T0, T0 + 6 * HOUR, 0, List.of("host"), List.of(tag("host", "nobody")));
    }
}
