package io.cairn.store.lmdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.SeriesBatch;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Latest rows read again after writes, overwrites, retention and from snapshots older than a write: the cached
 * latest row never outlives the data it was read from, and reads it cannot answer walk the chunks as before.
 */
class LatestPointCacheTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final List<String> FIELDS = List.of("x", "y");

    @TempDir
    Path dir;
    private LmdbStore store;

    @BeforeEach
    void open() {
        store = new LmdbStore(dir, 64L << 20, 16);
        for (int i = 0; i < 3; i++) {
            write("a", T0 + i * SECOND, 10 + i, 0.5 + i);
            write("b", T0 + i * SECOND, 20 + i, 1.5 + i);
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void write(String host, long time, long x, double y) {
        WriteBatch.Builder b = WriteBatch.builder("d", "cpu");
        int row = b.addRow(Tags.of("host", host), time);
        b.setLong(row, "x", x);
        b.setDouble(row, "y", y);
        store.write(b.build());
    }

    private static ScanRequest latest(long end) {
        return new ScanRequest("d", "cpu", T0, end, List.of(), FIELDS, null, 0, List.of(), 1);
    }

    /** The latest rows by host: "time x y". */
    private Map<String, String> latestRows(long end) {
        return rows(store.scan(latest(end)));
    }

    private static Map<String, String> rows(ScanCursor cursor) {
        Map<String, String> rows = new TreeMap<>();
        try (cursor) {
            for (SeriesBatch b = cursor.next(); b != null; b = cursor.next()) {
                StringBuilder s = new StringBuilder();
                for (int r = 0; r < b.size(); r++) {
                    s.append(r > 0 ? "; " : "").append((b.times()[r] - T0) / SECOND).append(' ')
                            .append(b.column("x").valueAt(r)).append(' ').append(b.column("y").valueAt(r));
                }
                rows.put(b.tags().get("host"), s.toString());
            }
        }
        return rows;
    }

    @Test
    void aRowReadAgainAfterAWriteOfItsSeriesIsTheNewOne() {
        assertEquals(Map.of("a", "2 12 2.5", "b", "2 22 3.5"), latestRows(Long.MAX_VALUE));
        assertEquals(2, store.stats().get("latest_cache_entries"));
        assertEquals(Map.of("a", "2 12 2.5", "b", "2 22 3.5"), latestRows(Long.MAX_VALUE), "read again, from the cache");
        write("a", T0 + 3 * SECOND, 13, 3.5);
        assertEquals(1, store.stats().get("latest_cache_entries"), "b's row stays, a's is forgotten");
        assertEquals(Map.of("a", "3 13 3.5", "b", "2 22 3.5"), latestRows(Long.MAX_VALUE));
        write("b", T0 + 2 * SECOND, 99, 9.5);
        assertEquals(Map.of("a", "3 13 3.5", "b", "2 99 9.5"), latestRows(Long.MAX_VALUE), "an overwrite of the latest time");
    }

    @Test
    void aRowReadFromASnapshotOlderThanAWriteIsNotKept() {
        ScanCursor before = store.scan(latest(Long.MAX_VALUE));
        write("a", T0 + 3 * SECOND, 13, 3.5);
        assertEquals(Map.of("a", "2 12 2.5", "b", "2 22 3.5"), rows(before), "the snapshot's rows");
        assertEquals(Map.of("a", "3 13 3.5", "b", "2 22 3.5"), latestRows(Long.MAX_VALUE));
    }

    @Test
    void aRangeEndingBeforeTheLatestPointWalksBack() {
        latestRows(Long.MAX_VALUE);
        assertEquals(Map.of("a", "1 11 1.5", "b", "1 21 2.5"), latestRows(T0 + 2 * SECOND));
        assertEquals(Map.of(), rows(store.scan(new ScanRequest("d", "cpu", T0 + 3 * SECOND, Long.MAX_VALUE, List.of(),
                FIELDS, null, 0, List.of(), 1))), "nothing at or after the start");
    }

    @Test
    void fieldsEndingAtDifferentTimesGiveTheLatestRowOfEach() {
        WriteBatch.Builder b = WriteBatch.builder("d", "cpu");
        b.setLong(b.addRow(Tags.of("host", "a"), T0 + 5 * SECOND), "x", 15);
        store.write(b.build());
        assertEquals("2 12 2.5; 5 15 null", latestRows(Long.MAX_VALUE).get("a"));
        assertEquals("2 12 2.5; 5 15 null", latestRows(Long.MAX_VALUE).get("a"), "read again");
    }

    @Test
    void retentionForgetsTheRows() {
        latestRows(Long.MAX_VALUE);
        store.deleteBefore("d", "cpu", T0 + 10 * SECOND);
        assertEquals(0, store.stats().get("latest_cache_entries"));
        assertEquals(Map.of(), latestRows(Long.MAX_VALUE));
        assertNull(store.scan(latest(Long.MAX_VALUE)).next());
    }
}
