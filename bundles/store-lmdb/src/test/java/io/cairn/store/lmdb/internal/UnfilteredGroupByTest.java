package io.cairn.store.lmdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.SeriesBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A count grouped by one key over every series of a measurement (no filter, the top-N query), against counts made
 * by hand: when every series carries the key the store reads no series ids; when some lack it they form the first
 * group; a store written before the per-key series counts existed counts them when opened.
 */
class UnfilteredGroupByTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final Aggregation COUNT_BY_CUSTOMER =
            new Aggregation(0, List.of("customer"), List.of(AggregateFunction.COUNT, AggregateFunction.SUM));

    @TempDir
    Path dir;

    private final Map<String, Map<String, double[]>> expected = new TreeMap<>();

    @Test
    void everySeriesCarryingTheKeyOrSomeLackingItAreCountedOnceEach() {
        LmdbStore store = LmdbStores.open(dir);
        try {
            write(store, "all", 0);
            write(store, "some", 25);
            assertGroups(store, "all");
            assertGroups(store, "some");
        } finally {
            store.close();
        }
        assertKeySeriesCounts();
    }

    @Test
    void aStoreWrittenBeforeTheKeyCountsCountsThemWhenOpened() {
        LmdbStore store = LmdbStores.open(dir);
        write(store, "all", 0);
        write(store, "some", 25);
        store.close();
        try (LmdbEnvironment lmdb = LmdbEnvironment.open(dir, 64L << 20, 16)) {
            lmdb.write(txn -> {
                List<byte[]> counts = new ArrayList<>();
                PrefixScan.forEach(lmdb.catalog, txn, new byte[] {'k'}, (k, v) -> counts.add(k));
                counts.forEach(k -> lmdb.catalog.delete(txn, k));
                return lmdb.catalog.delete(txn, new byte[] {'v'});
            });
        }
        store = LmdbStores.open(dir);
        try {
            assertGroups(store, "all");
            assertGroups(store, "some");
        } finally {
            store.close();
        }
        assertKeySeriesCounts();
    }

    /** The series carrying the key: all 6,000 of one measurement (so no ids are read), 5,760 of the other. */
    private void assertKeySeriesCounts() {
        try (LmdbEnvironment lmdb = LmdbEnvironment.open(dir, 64L << 20, 16)) {
            Catalog catalog = new Catalog(lmdb);
            long all = lmdb.read(txn -> catalog.keySeriesCount(txn, "d", "all", "customer"));
            long some = lmdb.read(txn -> catalog.keySeriesCount(txn, "d", "some", "customer"));
            long seriesOfSome = lmdb.read(txn -> catalog.seriesCount(txn, "d", "some"));
            assertEquals(6_000, all);
            assertEquals(5_760, some);
            assertEquals(6_000, seriesOfSome);
        }
    }

    /** Writes 6,000 series of 3,000 customers (two writes), every {@code withoutKeyEvery}-th without the key. */
    private void write(LmdbStore store, String measurement, int withoutKeyEvery) {
        Map<String, double[]> groups = expected.computeIfAbsent(measurement, m -> new TreeMap<>());
        for (int half = 0; half < 2; half++) {
            WriteBatch.Builder b = WriteBatch.builder("d", measurement);
            for (int i = half * 3_000; i < (half + 1) * 3_000; i++) {
                boolean withoutKey = withoutKeyEvery > 0 && i % withoutKeyEvery == 0;
                Tags tags = withoutKey ? Tags.of("n", String.valueOf(i)) : Tags.of("customer", "c" + i % 3_000,
                        "endpoint", "/e" + i / 3_000);
                for (int p = 0; p <= i % 3; p++) {
                    b.setDouble(b.addRow(tags, T0 + p * SECOND), "v", p);
                    double[] acc = groups.computeIfAbsent(withoutKey ? "" : tags.get("customer"), c -> new double[2]);
                    acc[0]++;
                    acc[1] += p;
                }
            }
            store.write(b.build());
        }
    }

    private void assertGroups(LmdbStore store, String measurement) {
        Map<String, double[]> actual = new TreeMap<>();
        List<Tags> order = new ArrayList<>();
        for (SeriesBatch b : Scans.all(store, Scans.aggregate("d", measurement, T0, T0 + 60 * SECOND, List.of(),
                List.of("v"), COUNT_BY_CUSTOMER))) {
            order.add(b.tags());
            actual.put(b.tags().get("customer") == null ? "" : b.tags().get("customer"),
                    new double[] {b.column("count(v)").doubleAt(0), b.column("sum(v)").doubleAt(0)});
        }
        Map<String, double[]> groups = expected.get(measurement);
        assertEquals(groups.keySet(), actual.keySet(), measurement);
        groups.forEach((c, acc) -> {
            assertEquals(acc[0], actual.get(c)[0], measurement + " " + c);
            assertEquals(acc[1], actual.get(c)[1], measurement + " " + c);
        });
        assertEquals(order.stream().sorted().toList(), order);
    }
}
