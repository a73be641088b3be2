package io.cairn.store.lmdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.SeriesBatch;
import io.cairn.api.store.TagPredicate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grouped aggregations that read the chunks of every series in one pass ({@link ChunkSweep}) before walking the
 * postings, against brute force and against the per-series path: ranges that cut chunks on both sides or take them
 * whole, a range inside one bucket of a bucketed aggregation, several buckets (which take the per-series path),
 * closed and open chunks, late points merged into closed chunks, series without the key, values too long for a
 * postings key (hashed), a field that only some series have, a text field, a predicate, another measurement with
 * the same field names whose series ids lie among the others', and chunks and keys longer than the sweep copies
 * out of LMDB at first ({@link ChunkSweep#PREFIX_BYTES}).
 */
class GroupedSweepTest {
    private static final long HOUR = Keys.BLOCK_NANOS;
    private static final long MINUTE = 60_000_000_000L;
    private static final long B0 = Keys.blockOf(1_700_000_000_000_000_000L);
    private static final int SERIES = 6500;
    private static final List<AggregateFunction> ALL = List.of(AggregateFunction.COUNT, AggregateFunction.SUM,
            AggregateFunction.MIN, AggregateFunction.MAX, AggregateFunction.AVG);
    private static final List<String> FIELDS = List.of("v", "n", "s");
    private static final String LONG_FIELD = "f".repeat(ChunkSweep.PREFIX_BYTES);
    private static final int DENSE_SERIES = 4200;

    @TempDir
    static Path dir;
    private static LmdbStore store;
    private static final Map<String, ScanReference> references = new HashMap<>();

    @BeforeAll
    static void write() {
        store = new LmdbStore(dir, 64L << 20, 16);
        Random random = new Random(11);
        String longValue = "x".repeat(600);
        for (int step = 0; step < 4; step++) {
            for (String measurement : List.of("all", "some", "other")) {
                WriteBatch.Builder b = WriteBatch.builder("d", measurement);
                for (int i = 0; i < (measurement.equals("other") ? SERIES / 5 : SERIES); i++) {
                    Tags tags = tags(measurement, i, longValue);
                    long from = step < 3 ? B0 + (step - 2) * HOUR : B0 - 2 * HOUR; // the last step adds late points
                    for (long t = from + random.nextInt(20) * MINUTE; t < from + HOUR; t += (12 + random.nextInt(30)) * MINUTE) {
                        int row = b.addRow(tags, t);
                        b.setDouble(row, "v", random.nextInt(1000) / 10.0);
                        if (i % 3 == 0) {
                            b.setLong(row, "n", random.nextInt(100));
                        }
                        if (i % 5 == 0) {
                            b.setString(row, "s", "t" + random.nextInt(4));
                        }
                    }
                }
                WriteBatch batch = b.build();
                store.write(batch);
                references.computeIfAbsent(measurement, m -> new ScanReference()).add(batch);
            }
        }
    }

    /** A point every two minutes for two hours: chunks of ~30 points, and a field whose chunk keys are long. */
    private static ScanReference writeDense(LmdbStore target) {
        Random random = new Random(13);
        WriteBatch.Builder b = WriteBatch.builder("d", "dense");
        for (int i = 0; i < DENSE_SERIES; i++) {
            for (long t = B0 - HOUR; t < B0 + HOUR; t += 2 * MINUTE) {
                int row = b.addRow(Tags.of("customer", "c" + i / 2, "n", String.valueOf(i)), t + i % 60);
                b.setDouble(row, "v", random.nextDouble());
                b.setLong(row, LONG_FIELD, random.nextLong());
            }
        }
        WriteBatch batch = b.build();
        target.write(batch);
        ScanReference reference = new ScanReference();
        reference.add(batch);
        return reference;
    }

    /** Customers of two series each; in "some" every 7th series lacks the key; a few values are too long for a key. */
    private static Tags tags(String measurement, int i, String longValue) {
        String customer = (i % 997 == 5 ? longValue : "c") + i / 2;
        if (measurement.equals("some") && i % 7 == 0) {
            return Tags.of("n", String.valueOf(i), "region", "r" + i % 3);
        }
        return Tags.of("customer", customer, "region", "r" + i % 3, "kind", measurement);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void rangesThatCutChunksOrTakeThemWholeGiveTheBruteForceAnswer() {
        for (String measurement : List.of("all", "some")) {
            assertSwept(measurement, B0 - HOUR + 17 * MINUTE, B0 + 40 * MINUTE, 0, List.of());
            assertSwept(measurement, B0 - 2 * HOUR, B0 + HOUR, 0, List.of());
            assertSwept(measurement, B0 - 2 * HOUR + 3 * MINUTE, B0 - 2 * HOUR + 4 * MINUTE, 0, List.of());
            assertSwept(measurement, B0 + 30 * MINUTE, B0 + 2 * HOUR, 0, List.of());
        }
    }

    @Test
    void aRangeInsideOneBucketIsSweptAndLabelledWithThatBucket() {
        assertSwept("all", B0 - HOUR + 5 * MINUTE, B0 - HOUR + 50 * MINUTE, HOUR, List.of());
        assertSwept("some", B0 - HOUR + 5 * MINUTE, B0 - HOUR + 50 * MINUTE, 2 * HOUR, List.of());
    }

    @Test
    void aPredicateMatchingMostSeriesIsSwept() {
        assertSwept("some", B0 - HOUR + 17 * MINUTE, B0 + 40 * MINUTE, 0, List.of(Scans.tag("region", "r0", "r1")));
    }

    @Test
    void chunksAndKeysLongerThanTheFirstCopyAreReadWholeWhereNeeded(@TempDir Path denseDir) {
        List<String> fields = List.of("v", LONG_FIELD);
        LmdbStore dense = new LmdbStore(denseDir, 64L << 20, 16);
        try {
            ScanReference reference = writeDense(dense);
            assertSame(dense, reference, "dense", B0 - HOUR + 17 * MINUTE, B0 + 40 * MINUTE, 0, true, fields);
            assertSame(dense, reference, "dense", B0 - HOUR, B0 + HOUR, 0, true, fields);
        } finally {
            dense.close();
        }
    }

    @Test
    void severalBucketsTakeThePerSeriesPathWithTheSameAnswer() {
        assertSame("all", B0 - 2 * HOUR, B0 + HOUR, HOUR, List.of(), false);
        assertSame("some", B0 - HOUR + 17 * MINUTE, B0 + 40 * MINUTE, 30 * MINUTE, List.of(), false);
    }

    @Test
    void aggregationsThatAreNotStreamedUseTheSweepWithTheSameAnswer() {
        Map<List<String>, Long> bucketByGroups = Map.of(List.of(), 0L, List.of("region", "customer"), 0L,
                List.of("region"), 3 * HOUR);
        bucketByGroups.forEach((groupBy, bucket) -> {
            ScanRequest request = Scans.aggregate("d", "some", B0 - HOUR + 17 * MINUTE, B0 + 40 * MINUTE,
                    List.of(), FIELDS, new Aggregation(bucket, groupBy, ALL));
            assertSameCells(references.get("some").aggregate(request), ScanReference.cellsOf(Scans.all(store,
                    request)), groupBy + " by " + bucket);
        });
    }

    private static void assertSwept(String measurement, long start, long end, long bucket, List<TagPredicate> where) {
        assertSame(measurement, start, end, bucket, where, true);
    }

    /** Compares the store's answer with brute force and with the per-series path of the same cursor. */
    private static void assertSame(String measurement, long start, long end, long bucket, List<TagPredicate> where,
            boolean swept) {
        assertSame(store, references.get(measurement), measurement, start, end, bucket, where, swept, FIELDS);
    }

    private static void assertSame(LmdbStore target, ScanReference reference, String measurement, long start,
            long end, long bucket, boolean swept, List<String> fields) {
        assertSame(target, reference, measurement, start, end, bucket, List.of(), swept, fields);
    }

    private static void assertSame(LmdbStore target, ScanReference reference, String measurement, long start,
            long end, long bucket, List<TagPredicate> where, boolean swept, List<String> fields) {
        Aggregation aggregation = new Aggregation(bucket, List.of("customer"), ALL);
        ScanRequest request = Scans.aggregate("d", measurement, start, end, where, fields, aggregation);
        String what = measurement + " " + (start - B0) / MINUTE + ".." + (end - B0) / MINUTE + " min by " + bucket;
        List<SeriesBatch> batches = new ArrayList<>();
        try (ScanCursor cursor = target.scan(request)) {
            GroupedAggregateCursor grouped = assertInstanceOf(GroupedAggregateCursor.class, cursor, what);
            assertEquals(swept, grouped.swept(), what);
            for (SeriesBatch b = cursor.next(); b != null; b = cursor.next()) {
                batches.add(b);
            }
        }
        assertSameCells(reference.aggregate(request), ScanReference.cellsOf(batches), what);
        assertTrue(batches.size() > 100, what);
        List<Tags> order = batches.stream().map(SeriesBatch::tags).toList();
        List<Integer> kinds = order.stream().map(GroupedSweepTest::kind).toList();
        assertEquals(kinds.stream().sorted().toList(), kinds, what + ": no value, then hashed values, then the others");
        List<Tags> plain = order.stream().filter(t -> kind(t) == 2).toList();
        assertEquals(plain.stream().sorted().toList(), plain, what);
        assertSameCells(ScanReference.cellsOf(perSeries(target, request)), ScanReference.cellsOf(batches), what);
    }

    /** Groups by one key come in this order: 0 without the key, 1 values too long for a postings key (hashed), 2 others. */
    private static int kind(Tags group) {
        return group.size() == 0 ? 0 : group.value(0).length() > 400 ? 1 : 2;
    }

    /** Like {@link ScanReference#assertSameCells}, naming the first cell that differs rather than every cell. */
    private static void assertSameCells(Map<String, Double> expected, Map<String, Double> actual, String what) {
        if (!expected.keySet().equals(actual.keySet())) {
            Set<String> missing = new HashSet<>(expected.keySet());
            missing.removeAll(actual.keySet());
            Set<String> extra = new HashSet<>(actual.keySet());
            extra.removeAll(expected.keySet());
            assertEquals(List.of(), missing.stream().sorted().limit(3).toList(), what + ": cells missing");
            assertEquals(List.of(), extra.stream().sorted().limit(3).toList(), what + ": cells not expected");
        }
        ScanReference.assertSameCells(expected, actual, what);
    }

    /** The same scan through the cursor's per-series path (no sweep). */
    private static List<SeriesBatch> perSeries(LmdbStore target, ScanRequest request) {
        LmdbEnvironment lmdb = target.environment();
        ReadTxn txn = lmdb.openRead();
        Catalog catalog = new Catalog(lmdb);
        ScanFields fields = ScanFields.of(request, catalog.fields(txn.txn(), "d", request.measurement()));
        long[] ids = request.predicates().isEmpty() && request.measurement().equals("all") ? null
                : new SeriesIndex(lmdb, catalog).matching(txn.txn(), "d", request.measurement(), request.predicates());
        List<SeriesBatch> out = new ArrayList<>();
        try (ScanCursor cursor = new GroupedAggregateCursor(lmdb, txn, ids, "d", request.measurement(), fields,
                request.aggregation(), request.startNanos(), request.endNanos())) {
            for (SeriesBatch b = cursor.next(); b != null; b = cursor.next()) {
                out.add(b);
            }
        }
        return out;
    }
}
