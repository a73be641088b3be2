package io.cairn.store.lmdb.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesListsTest {
    private static final long T0 = 1_700_000_000_000_000_000L;

    @TempDir
    Path dir;
    private LmdbStore store;
    private LmdbEnvironment lmdb;
    private Catalog catalog;
    private SeriesIndex index;

    @BeforeEach
    void open() {
        store = new LmdbStore(dir, 64L << 20, 32);
        lmdb = store.environment();
        catalog = new Catalog(lmdb);
        index = new SeriesIndex(lmdb, catalog);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void writeSeries(String measurement, String writer, int from, int to) {
        WriteBatch.Builder b = WriteBatch.builder("d", measurement);
        for (int s = from; s < to; s++) {
            b.setDouble(b.addRow(Tags.of("writer", writer, "s", "s" + s), T0), "v", s);
        }
        store.write(b.build());
    }

    /** The list read from LMDB in the same transaction, by an index that has kept nothing. */
    private long[] uncached(ReadTxn txn, String measurement) {
        return new SeriesIndex(lmdb, catalog).all(txn.txn(), "d", measurement);
    }

    @Test
    void anOlderSnapshotSeesOnlyItsSeriesAfterANewerOneWasKept() {
        writeSeries("m", "w", 0, 3);
        try (ReadTxn older = lmdb.openRead()) {
            assertEquals(3, index.all(older.txn(), "d", "m").length);
            writeSeries("m", "w", 3, 10);
            try (ReadTxn newer = lmdb.openRead()) {
                assertArrayEquals(uncached(newer, "m"), index.all(newer.txn(), "d", "m"));
                assertEquals(10, index.all(newer.txn(), "d", "m").length);
            }
            assertArrayEquals(uncached(older, "m"), index.all(older.txn(), "d", "m"));
            assertEquals(3, index.all(older.txn(), "d", "m").length);
        }
        try (ReadTxn latest = lmdb.openRead()) {
            assertEquals(10, index.all(latest.txn(), "d", "m").length);
            assertEquals(0, index.all(latest.txn(), "d", "absent").length);
        }
    }

    @Test
    void measurementsKeepTheirOwnLists() {
        writeSeries("m", "w", 0, 4);
        writeSeries("n", "w", 0, 2);
        try (ReadTxn txn = lmdb.openRead()) {
            assertEquals(4, index.all(txn.txn(), "d", "m").length);
            assertEquals(2, index.all(txn.txn(), "d", "n").length);
            assertArrayEquals(uncached(txn, "m"), index.all(txn.txn(), "d", "m"));
            assertArrayEquals(uncached(txn, "n"), index.all(txn.txn(), "d", "n"));
        }
    }

    @Test
    void readersAlwaysSeeTheSeriesOfTheirSnapshotWhileWritersCreateSeries() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                String writer = "w" + w;
                writers.add(pool.submit(() -> {
                    for (int batch = 0; batch < 60; batch++) {
                        writeSeries("m", writer, batch * 3, batch * 3 + 3);
                    }
                    return null;
                }));
            }
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    int checks = 0;
                    ReadTxn held = lmdb.openRead();
                    try {
                        while (writing.get() || checks == 0) {
                            try (ReadTxn txn = lmdb.openRead()) {
                                long[] ids = index.all(txn.txn(), "d", "m");
                                assertArrayEquals(uncached(txn, "m"), ids);
                                assertEquals(catalog.seriesCount(txn.txn(), "d", "m"), ids.length);
                            }
                            assertArrayEquals(uncached(held, "m"), index.all(held.txn(), "d", "m"));
                            if (++checks % 16 == 0) {
                                held.close();
                                held = lmdb.openRead();
                            }
                        }
                    } finally {
                        held.close();
                    }
                    return checks;
                }));
            }
            for (Future<?> f : writers) {
                f.get(60, TimeUnit.SECONDS);
            }
            writing.set(false);
            for (Future<Integer> f : readers) {
                assertTrue(f.get(60, TimeUnit.SECONDS) > 0);
            }
            try (ReadTxn txn = lmdb.openRead()) {
                assertEquals(2 * 60 * 3, index.all(txn.txn(), "d", "m").length);
            }
        } finally {
            writing.set(false);
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
