package io.cairn.store.lmdb.internal;

import static io.cairn.store.lmdb.internal.Scans.raw;
import static io.cairn.store.lmdb.internal.Scans.rows;
import static io.cairn.store.lmdb.internal.Scans.tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.SeriesBatch;
import io.cairn.api.store.StoreCapability;
import io.cairn.api.store.StoreUnavailableException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmdbStoreTest {
    static final long T0 = 1_700_000_000_000_000_000L;
    static final long SECOND = 1_000_000_000L;
    private static final Tags A = Tags.of("host", "a", "region", "eu");
    private static final Tags B = Tags.of("host", "b", "region", "eu");
    private static final Tags C = Tags.of("host", "c", "region", "us");

    @TempDir
    Path dir;
    private LmdbStore store;

    @BeforeEach
    void open() {
        store = new LmdbStore(dir, 64L << 20, 16);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** 500 rows per series, every 10 s (two hour-blocks); note only on even rows. */
    private static WriteBatch cpuBatch() {
        WriteBatch.Builder b = WriteBatch.builder("d", "cpu");
        for (int i = 0; i < 500; i++) {
            for (Tags tags : List.of(A, B, C)) {
                int row = b.addRow(tags, T0 + i * 10 * SECOND);
                b.setDouble(row, "usage", i + tags.get("host").charAt(0) / 1000.0);
                b.setLong(row, "count", i);
                b.setBoolean(row, "ok", i % 3 == 0);
                if (i % 2 == 0) {
                    b.setString(row, "note", "n" + (i % 5));
                }
            }
        }
        return b.build();
    }

    private long countRows(List<String> fields, long start, long end) {
        return rows(Scans.all(store, raw("d", "cpu", start, end, List.of(), fields, 0)));
    }

    @Test
    void declaresEveryCapabilityButTheAdvancedAggregation() {
        assertEquals(EnumSet.complementOf(EnumSet.of(StoreCapability.ADVANCED_AGGREGATION)), store.capabilities());
        assertEquals("lmdb", store.name());
    }

    @Test
    void tagFilterSelectsSeriesAndProjectionSelectsFields() {
        store.write(cpuBatch());
        List<SeriesBatch> eu = Scans.all(store, raw("d", "cpu", T0, T0 + 10_000 * SECOND,
                List.of(tag("region", "eu")), List.of("usage"), 0));
        assertEquals(Set.of(A, B), eu.stream().map(SeriesBatch::tags).collect(Collectors.toSet()));
        assertEquals(1000, rows(eu));
        for (SeriesBatch batch : eu) {
            assertEquals(1, batch.columns().size());
            FieldColumn usage = batch.column("usage");
            double offset = batch.tags().get("host").charAt(0) / 1000.0;
            for (int r = 0; r < batch.size(); r++) {
                long i = (batch.times()[r] - T0) / (10 * SECOND);
                assertEquals(i + offset, usage.doubleAt(r), 1e-9);
                assertTrue(r == 0 || batch.times()[r] > batch.times()[r - 1]);
            }
        }
        List<SeriesBatch> in = Scans.all(store, raw("d", "cpu", T0, T0 + 10_000 * SECOND,
                List.of(tag("host", "a", "c")), List.of("count"), 0));
        assertEquals(Set.of(A, C), in.stream().map(SeriesBatch::tags).collect(Collectors.toSet()));
        List<SeriesBatch> both = Scans.all(store, raw("d", "cpu", T0, T0 + 10_000 * SECOND,
                List.of(tag("region", "eu"), tag("host", "b", "c")), List.of(), 0));
        assertEquals(Set.of(B), both.stream().map(SeriesBatch::tags).collect(Collectors.toSet()));
        assertEquals(Set.of("count", "note", "ok", "usage"),
                both.get(0).columns().stream().map(FieldColumn::name).collect(Collectors.toSet()));
        assertTrue(Scans.all(store, raw("d", "cpu", T0, T0 + 10_000 * SECOND,
                List.of(tag("region", "asia")), List.of("usage"), 0)).isEmpty());
    }

    @Test
    void timeRangeIsStartInclusiveEndExclusive() {
        store.write(cpuBatch());
        assertEquals(3 * 500, countRows(List.of("usage"), T0, T0 + 5000 * SECOND));
        assertEquals(3 * 10, countRows(List.of("usage"), T0 + 100 * SECOND, T0 + 200 * SECOND));
        assertEquals(3 * 11, countRows(List.of("usage"), T0 + 100 * SECOND, T0 + 200 * SECOND + 1));
        assertEquals(0, countRows(List.of("usage"), T0 - 100 * SECOND, T0));
    }

    @Test
    void rawScanReturnsOnlyRowsWithARequestedField() {
        store.write(cpuBatch());
        List<SeriesBatch> notes = Scans.all(store, raw("d", "cpu", T0, T0 + 5000 * SECOND,
                List.of(tag("host", "a")), List.of("note"), 0));
        assertEquals(250, rows(notes));
        assertEquals("n2", notes.get(0).column("note").stringAt(1));
        List<SeriesBatch> mixed = Scans.all(store, raw("d", "cpu", T0, T0 + 20 * SECOND,
                List.of(tag("host", "a")), List.of("note", "ok"), 0));
        FieldColumn note = mixed.get(0).column("note");
        assertEquals(2, mixed.get(0).size());
        assertTrue(note.isPresent(0));
        assertFalse(note.isPresent(1));
        assertEquals(true, mixed.get(0).column("ok").booleanAt(0));
    }

    @Test
    void limitStopsARawScan() {
        store.write(cpuBatch());
        assertEquals(7, rows(Scans.all(store, raw("d", "cpu", T0, T0 + 5000 * SECOND, List.of(), List.of("usage"), 7))));
        assertEquals(1234, rows(Scans.all(store, raw("d", "cpu", T0, T0 + 5000 * SECOND, List.of(), List.of("usage"), 1234))));
    }

    @Test
    void unknownMeasurementScansNothingAndCursorClosesTwice() {
        store.write(cpuBatch());
        ScanCursor cursor = store.scan(raw("d", "nope", T0, T0 + SECOND, List.of(), List.of("usage"), 0));
        assertNull(cursor.next());
        cursor.close();
        cursor.close();
        ScanCursor open = store.scan(raw("d", "cpu", T0, T0 + 5000 * SECOND, List.of(), List.of("usage"), 0));
        assertTrue(open.next().size() > 0);
        open.close();
        open.close();
        assertNull(open.next());
    }

    @Test
    void catalogComesFromTheIndex() {
        store.write(cpuBatch());
        WriteBatch.Builder other = WriteBatch.builder("e", "mem");
        other.setLong(other.addRow(Tags.EMPTY, T0), "used", 5);
        store.write(other.build());
        assertEquals(List.of("d", "e"), store.databases());
        assertEquals(List.of("cpu"), store.measurements("d"));
        assertEquals(List.of("host", "region"), store.tagKeys("d", "cpu"));
        assertEquals(List.of("a", "b", "c"), store.tagValues("d", "cpu", "host", 10));
        assertEquals(List.of("a", "b"), store.tagValues("d", "cpu", "host", 2));
        assertEquals(Map.of("count", FieldType.INTEGER, "note", FieldType.STRING, "ok", FieldType.BOOLEAN,
                "usage", FieldType.FLOAT), store.fields("d", "cpu"));
        assertEquals(3, store.seriesCount("d", "cpu"));
        assertEquals(1, store.seriesCount("e", "mem"));
        assertTrue(store.seriesExists("d", "cpu", B));
        assertTrue(store.seriesExists("e", "mem", Tags.EMPTY));
        assertFalse(store.seriesExists("d", "cpu", Tags.of("host", "z")));
        assertEquals(List.of(), store.tagKeys("e", "mem"));
        assertEquals(1, rows(Scans.all(store, raw("e", "mem", T0, T0 + 1, List.of(), List.of("used"), 0))));
    }

    @Test
    void writingTheSameBatchTwiceChangesNothingAndLaterValuesWin() {
        store.write(cpuBatch());
        store.write(cpuBatch());
        assertEquals(1500, countRows(List.of("usage"), T0, T0 + 5000 * SECOND));
        assertEquals(3L, store.stats().get("series"));
        WriteBatch.Builder b = WriteBatch.builder("d", "cpu");
        b.setDouble(b.addRow(A, T0 + 10 * SECOND), "usage", -1);
        b.setDouble(b.addRow(A, T0 + 10 * SECOND), "usage", -2);
        store.write(b.build());
        List<SeriesBatch> a = Scans.all(store, raw("d", "cpu", T0 + 10 * SECOND, T0 + 11 * SECOND,
                List.of(tag("host", "a")), List.of("usage", "count"), 0));
        assertEquals(1, rows(a));
        assertEquals(-2, a.get(0).column("usage").doubleAt(0));
        assertEquals(1, a.get(0).column("count").longAt(0));
    }

    @Test
    void typeConflictIsRejectedAndWritesNothingOfTheBatch() {
        store.write(cpuBatch());
        WriteBatch.Builder b = WriteBatch.builder("d", "cpu");
        int row = b.addRow(Tags.of("host", "new"), T0 + 7);
        b.setDouble(row, "fresh", 1);
        b.setLong(row, "usage", 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.write(b.build()));
        assertTrue(e.getMessage().contains("usage") && e.getMessage().contains("FLOAT")
                && e.getMessage().contains("INTEGER"), e.getMessage());
        assertEquals(3, store.seriesCount("d", "cpu"));
        assertFalse(store.fields("d", "cpu").containsKey("fresh"));
        assertEquals(List.of("a", "b", "c"), store.tagValues("d", "cpu", "host", 10));
    }

    @Test
    void deleteBeforeDropsOlderPointsOnly() {
        WriteBatch.Builder b = WriteBatch.builder("d", "m");
        for (int i = 0; i < 180; i++) {
            for (Tags tags : List.of(A, B)) {
                b.setDouble(b.addRow(tags, T0 + i * 60 * SECOND), "v", i);
            }
        }
        store.write(b.build());
        long cutoff = T0 + 90 * 60 * SECOND + 30 * SECOND;
        assertEquals(2 * 91, store.deleteBefore("d", "m", cutoff));
        List<SeriesBatch> left = Scans.all(store, raw("d", "m", Long.MIN_VALUE, Long.MAX_VALUE, List.of(), List.of("v"), 0));
        assertEquals(2 * 89, rows(left));
        assertTrue(left.stream().allMatch(x -> x.times()[0] >= cutoff));
        assertEquals(0, store.deleteBefore("d", "m", cutoff));
        assertEquals(2 * 89, store.deleteBefore("d", "m", Long.MAX_VALUE));
        assertEquals(0, rows(Scans.all(store, raw("d", "m", Long.MIN_VALUE, Long.MAX_VALUE, List.of(), List.of("v"), 0))));
    }

    @Test
    void reopenedStoreFindsItsDataAndKeepsSeriesIds() {
        store.write(cpuBatch());
        store.close();
        assertFalse(store.health().healthy());
        assertThrows(StoreUnavailableException.class, () -> store.databases());
        store = new LmdbStore(dir, 1 << 20, 16);
        assertTrue(store.health().healthy());
        assertEquals(1500, countRows(List.of("usage"), T0, T0 + 5000 * SECOND));
        WriteBatch.Builder b = WriteBatch.builder("d", "cpu");
        b.setDouble(b.addRow(Tags.of("host", "d"), T0), "usage", 9);
        store.write(b.build());
        assertEquals(4, store.seriesCount("d", "cpu"));
        assertEquals(1501, countRows(List.of("usage"), T0, T0 + 5000 * SECOND));
        assertEquals(4, rows(Scans.all(store, raw("d", "cpu", T0, T0 + 1, List.of(), List.of("usage"), 0))));
    }

    @Test
    void mapGrowsWhenFull() {
        store.close();
        long initial = 256 * 1024;
        store = new LmdbStore(dir.resolve("small"), initial, 16);
        java.util.Random random = new java.util.Random(5);
        for (int batch = 0; batch < 10; batch++) {
            WriteBatch.Builder b = WriteBatch.builder("d", "noise");
            for (int s = 0; s < 20; s++) {
                Tags tags = Tags.of("s", "s" + s);
                for (int i = 0; i < 500; i++) {
                    b.setDouble(b.addRow(tags, T0 + (batch * 500L + i) * SECOND), "v", random.nextDouble());
                }
            }
            store.write(b.build());
        }
        assertTrue(store.stats().get("map_size").longValue() > initial);
        assertEquals(100_000, rows(Scans.all(store, raw("d", "noise", T0, T0 + 10_000 * SECOND, List.of(), List.of("v"), 0))));
        assertEquals(100_000L, store.stats().get("points_written"));
    }

    @Test
    void reconfiguringKeepsTheEnvironmentUnlessItsFolderOrReadersChange() {
        store.write(cpuBatch());
        store.reconfigure(dir, 1 << 20, 16, LmdbStore.DEFAULT_SERIES_CACHE_SIZE);
        assertEquals(1500, countRows(List.of("usage"), T0, T0 + 5000 * SECOND));
        store.reconfigure(dir.resolve("other"), 1 << 20, 16, LmdbStore.DEFAULT_SERIES_CACHE_SIZE);
        assertEquals(List.of(), store.databases());
        assertTrue(store.health().healthy());
        store.reconfigure(dir, 1 << 20, 8, LmdbStore.DEFAULT_SERIES_CACHE_SIZE);
        assertEquals(1500, countRows(List.of("usage"), T0, T0 + 5000 * SECOND));
    }

    @Test
    void chunksOverAMegabyteAreWrittenAndReadLikeSmallOnes() {
        WriteBatch.Builder big = WriteBatch.builder("d", "log");
        for (int i = 0; i < 1500; i++) {
            big.setString(big.addRow(A, T0 + i * SECOND), "line", i + "x".repeat(1000));
        }
        store.write(big.build());
        WriteBatch.Builder small = WriteBatch.builder("d", "log");
        small.setString(small.addRow(A, T0 + 2000 * SECOND), "line", "last");
        store.write(small.build());
        List<SeriesBatch> lines = Scans.all(store, raw("d", "log", T0, T0 + 3600 * SECOND, List.of(), List.of("line"), 0));
        assertEquals(1501, rows(lines));
        assertEquals("1499" + "x".repeat(1000), lines.get(0).column("line").stringAt(1499));
        assertEquals("last", lines.get(0).column("line").stringAt(1500));
    }

    @Test
    void dataDirComesFromConfigThenFrameworkPropertyThenDefault() {
        assertEquals(Path.of("/x"), LmdbStore.dataDir("/x", "/y"));
        assertEquals(Path.of("/y"), LmdbStore.dataDir("", "/y"));
        assertEquals(Path.of("data"), LmdbStore.dataDir(" ", null));
    }

    @Test
    void healthAndStatsDescribeTheStore() {
        store.write(cpuBatch());
        assertTrue(store.health().healthy());
        Map<String, Number> stats = store.stats();
        assertEquals(3L, stats.get("series"));
        assertEquals(500L * 3 * 3 + 250 * 3, stats.get("points_written"));
        assertEquals(64L << 20, stats.get("map_size"));
        assertTrue(stats.get("bytes_on_disk").longValue() > 0);
        assertEquals(3L * 4 * 2, stats.get("chunks"));
    }

    @Test
    void seriesWithTagsLongerThanAnLmdbKeyAreStoredAndFound() {
        String[] pairs = new String[40];
        for (int i = 0; i < 20; i++) {
            pairs[2 * i] = "key" + i;
            pairs[2 * i + 1] = (char) ('a' + i) + "é".repeat(255);
        }
        Tags wide = Tags.of(pairs);
        WriteBatch.Builder b = WriteBatch.builder("d", "m".repeat(200));
        b.setDouble(b.addRow(wide, T0), "v", 1);
        b.setDouble(b.addRow(Tags.of("key0", "short"), T0), "v", 2);
        store.write(b.build());
        assertTrue(store.seriesExists("d", "m".repeat(200), wide));
        List<SeriesBatch> found = Scans.all(store, raw("d", "m".repeat(200), T0, T0 + 1,
                List.of(tag("key3", wide.get("key3"))), List.of("v"), 0));
        assertEquals(List.of(wide), found.stream().map(SeriesBatch::tags).toList());
        assertEquals(List.of(wide.get("key0"), "short"), store.tagValues("d", "m".repeat(200), "key0", 10));
        assertEquals(20, store.tagKeys("d", "m".repeat(200)).size());
        WriteBatch.Builder longField = WriteBatch.builder("d", "m");
        longField.setDouble(longField.addRow(Tags.EMPTY, T0), "f".repeat(600), 1);
        assertThrows(IllegalArgumentException.class, () -> store.write(longField.build()));
    }
}
