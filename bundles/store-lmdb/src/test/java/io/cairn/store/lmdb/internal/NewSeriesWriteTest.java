package io.cairn.store.lmdb.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.SeriesBatch;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write path of series created in the same write (whose chunks are not looked up) and of series the id cache
 * does not hold (looked up in the index), read back through scans.
 */
class NewSeriesWriteTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void twoTagSetsWithOneSeriesKeyInANewSeriesBatchKeepBothPoints() {
        LmdbStore store = new LmdbStore(dir.resolve("lmdb"), 1 << 24, 8);
        try {
            WriteBatch.Builder b = WriteBatch.builder("db", "m");
            b.setLong(b.addRow(Tags.of("k", "v\0k2\0v2"), T0), "n", 1);
            b.setLong(b.addRow(Tags.of("k", "v", "k2", "v2"), T0 + SECOND), "n", 2);
            store.write(b.build());
            List<SeriesBatch> read = Scans.all(store, Scans.raw("db", "m", T0, T0 + 10 * SECOND, List.of(),
                    List.of("n"), 0));
            assertEquals(1, read.size());
            assertArrayEquals(new long[] {T0, T0 + SECOND}, read.get(0).times());
            assertEquals(2, read.get(0).column("n").longAt(1));
            assertEquals(1, store.seriesCount("db", "m"));
        } finally {
            store.close();
        }
    }

    @Test
    void seriesTheCacheDoesNotHoldAreFoundInTheIndexAndCreatedOnce() {
        for (int cacheSize : new int[] {0, 7, 1_000}) {
            Path at = dir.resolve("cache-" + cacheSize);
            LmdbStore store = new LmdbStore(at, 1 << 24, 8, cacheSize);
            try {
                for (int step = 0; step < 4; step++) {
                    WriteBatch.Builder b = WriteBatch.builder("db", "m");
                    for (int s = 0; s < 40 + 20 * step; s++) {
                        b.setDouble(b.addRow(Tags.of("host", "h" + s, "rack", "r" + s % 3), T0 + step * SECOND),
                                "v", s + step / 10.0);
                    }
                    store.write(b.build());
                }
                assertEquals(100, store.seriesCount("db", "m"), "cache " + cacheSize);
                List<SeriesBatch> rack1 = Scans.all(store, Scans.raw("db", "m", T0, T0 + 10 * SECOND,
                        List.of(Scans.tag("rack", "r1")), List.of("v"), 0));
                assertEquals(33, rack1.size());
                for (SeriesBatch series : rack1) {
                    int s = Integer.parseInt(series.tags().get("host").substring(1));
                    int firstStep = Math.max(0, (s - 40 + 20) / 20);
                    assertEquals(4 - firstStep, series.size(), series.tags().toString());
                    assertEquals(s + 0.3, series.column("v").doubleAt(series.size() - 1), 1e-9);
                }
            } finally {
                store.close();
            }
        }
    }
}
