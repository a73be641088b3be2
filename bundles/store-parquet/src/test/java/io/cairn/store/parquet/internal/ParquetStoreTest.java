package io.cairn.store.parquet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.TagPredicate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetStoreTest {
    static final long HOUR = PartitionPaths.HOUR_NANOS;
    static final long T0 = 1_700_000_000_000_000_000L / HOUR * HOUR;

    @TempDir
    Path dir;

    static ParquetStore open(Path root) {
        return new ParquetStore(root, new Settings(CompressionCodecName.ZSTD, 512L << 20, 0, 16));
    }

    static WriteBatch everyType(long offset) {
        WriteBatch.Builder b = WriteBatch.builder("db", "m");
        for (int i = 0; i < 10; i++) {
            Tags tags = Tags.of("host", "h" + (i % 3), "dc", "eu");
            int row = b.addRow(tags, T0 + offset + i * 20 * 60_000_000_000L);
            b.setDouble(row, "f", i + 0.5);
            b.setLong(row, "i", -i * 1_000_000_007L);
            b.setBoolean(row, "b", i % 2 == 0);
            b.setString(row, "s", "text " + i + " ü");
        }
        return b.build();
    }

    @Test
    void aCatalogLineCutByACrashDoesNotSwallowTheNextEntry() throws Exception {
        ParquetStore store = open(dir);
        store.write(everyType(0));
        store.close();
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
            Path log = files.filter(p -> p.getFileName().toString().equals(PartitionPaths.CATALOG)).findFirst().orElseThrow();
            java.nio.file.Files.writeString(log, "F\tcut_by_a_cra", java.nio.file.StandardOpenOption.APPEND);
        }
        store = open(dir);
        WriteBatch.Builder b = WriteBatch.builder("db", "m");
        b.setLong(b.addRow(Tags.of("host", "h9"), T0 + 5), "later", 7);
        store.write(b.build());
        store.close();
        store = open(dir);
        assertEquals(java.util.Set.of("b", "f", "i", "s", "later"), store.fields("db", "m").keySet());
        assertTrue(store.seriesExists("db", "m", Tags.of("host", "h9")));
        store.close();
    }

    @Test
    void everyFieldTypeComesBackAsWritten() {
        ParquetStore store = open(dir);
        store.write(everyType(0));
        Map<String, Object> points = Points.read(store, Points.raw("m", List.of(), List.of(), 0));
        assertEquals(40, points.size());
        String key = "{dc=eu,host=h1} " + (T0 + 7 * 20 * 60_000_000_000L) + " ";
        assertEquals(7.5, points.get(key + "f"));
        assertEquals(-7 * 1_000_000_007L, points.get(key + "i"));
        assertEquals(false, points.get(key + "b"));
        assertEquals("text 7 ü", points.get(key + "s"));
        assertEquals(Map.of("b", FieldType.BOOLEAN, "f", FieldType.FLOAT, "i", FieldType.INTEGER, "s", FieldType.STRING),
                store.fields("db", "m"));
        assertEquals(List.of("dc", "host"), store.tagKeys("db", "m"));
        assertEquals(List.of("h0", "h1"), store.tagValues("db", "m", "host", 2));
        assertEquals(3, store.seriesCount("db", "m"));
        assertTrue(store.seriesExists("db", "m", Tags.of("host", "h2", "dc", "eu")));
        assertEquals(List.of("db"), store.databases());
        assertEquals(List.of("m"), store.measurements("db"));

        assertEquals(points, Points.read(open(dir), Points.raw("m", List.of(), List.of(), 0)), "after a restart");
    }

    @Test
    void filesFollowTheHourLayout() throws Exception {
        ParquetStore store = open(dir);
        store.write(everyType(0));
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> parquet = files.map(p -> dir.relativize(p).toString())
                    .filter(p -> p.endsWith(".parquet")).map(p -> p.substring(0, p.lastIndexOf('/'))).sorted().toList();
            assertEquals(List.of("db/m/2023/11/14/22", "db/m/2023/11/14/23", "db/m/2023/11/15/00", "db/m/2023/11/15/01"),
                    parquet);
        }
    }

    @Test
    void olderFilesReturnNullsForColumnsAddedLater() {
        ParquetStore store = open(dir);
        WriteBatch.Builder first = WriteBatch.builder("db", "m");
        first.setDouble(first.addRow(Tags.of("host", "a"), T0), "cpu", 1.0);
        store.write(first.build());
        WriteBatch.Builder second = WriteBatch.builder("db", "m");
        int row = second.addRow(Tags.of("host", "a", "rack", "r1"), T0 + 1);
        second.setDouble(row, "cpu", 2.0);
        second.setLong(row, "mem", 42);
        store.write(second.build());

        Map<String, Object> points = Points.read(store, Points.raw("m", List.of("cpu", "mem"), List.of(), 0));
        assertEquals(Map.of("{host=a} " + T0 + " cpu", 1.0, "{host=a,rack=r1} " + (T0 + 1) + " cpu", 2.0,
                "{host=a,rack=r1} " + (T0 + 1) + " mem", 42L), points);
        assertEquals(List.of("host", "rack"), store.tagKeys("db", "m"));
        store.compactNow();
        assertEquals(points, Points.read(store, Points.raw("m", List.of("cpu", "mem"), List.of(), 0)), "after compaction");
    }

    @Test
    void writingTheSameBatchAgainChangesNothingAndLaterValuesWin() {
        ParquetStore store = open(dir);
        store.write(everyType(0));
        Map<String, Object> once = Points.read(store, Points.raw("m", List.of(), List.of(), 0));
        store.write(everyType(0));
        assertEquals(once, Points.read(store, Points.raw("m", List.of(), List.of(), 0)));
        assertEquals(10, Points.rows(store, Points.raw("m", List.of(), List.of(), 0)));

        WriteBatch.Builder update = WriteBatch.builder("db", "m");
        update.setDouble(update.addRow(Tags.of("host", "h0", "dc", "eu"), T0), "f", 99.0);
        store.write(update.build());
        Map<String, Object> updated = Points.read(store, Points.raw("m", List.of(), List.of(), 0));
        assertEquals(99.0, updated.get("{dc=eu,host=h0} " + T0 + " f"));
        assertEquals("text 0 ü", updated.get("{dc=eu,host=h0} " + T0 + " s"), "the other fields of the row stay");

        store.compactNow();
        assertEquals(updated, Points.read(store, Points.raw("m", List.of(), List.of(), 0)));
    }

    @Test
    void tagPredicatesAndLimit() {
        ParquetStore store = open(dir);
        store.write(everyType(0));
        Map<String, Object> h1 = Points.read(store, Points.raw("m", List.of("f"),
                List.of(new TagPredicate("host", Set.of("h1"))), 0));
        assertEquals(3, h1.size());
        assertTrue(h1.keySet().stream().allMatch(k -> k.startsWith("{dc=eu,host=h1}")));
        assertEquals(7, Points.rows(store, Points.raw("m", List.of("f"),
                List.of(new TagPredicate("host", Set.of("h1", "h0"))), 0)));
        assertEquals(0, Points.rows(store, Points.raw("m", List.of("f"),
                List.of(new TagPredicate("host", Set.of("nope"))), 0)));
        assertEquals(0, Points.rows(store, Points.raw("m", List.of("f"),
                List.of(new TagPredicate("zone", Set.of("x"))), 0)));
        assertEquals(4, Points.rows(store, Points.raw("m", List.of("f"), List.of(), 4)));
    }

    @Test
    void aFieldCannotChangeItsType() {
        ParquetStore store = open(dir);
        store.write(everyType(0));
        WriteBatch.Builder b = WriteBatch.builder("db", "m");
        b.setString(b.addRow(Tags.of("host", "h0"), T0), "f", "text");
        assertThrows(IllegalArgumentException.class, () -> store.write(b.build()));
    }

    @Test
    void leftoversOfAnInterruptedWriteAreIgnoredAndRemovedOnStart() throws Exception {
        ParquetStore store = open(dir);
        store.write(everyType(0));
        Map<String, Object> before = Points.read(store, Points.raw("m", List.of(), List.of(), 0));
        Path partition = dir.resolve("db/m/2023/11/14/22");
        Path live;
        try (Stream<Path> files = Files.list(partition)) {
            live = files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        Path half = partition.resolve("w0000000000000000099.parquet.tmp");
        Files.write(half, new byte[] {'P', 'A', 'R', '1', 0, 1, 2});
        Path unpublished = partition.resolve("w0000000000000000098.parquet");
        Files.copy(live, unpublished);

        ParquetStore reopened = open(dir);
        assertFalse(Files.exists(half));
        assertFalse(Files.exists(unpublished));
        assertEquals(before, Points.read(reopened, Points.raw("m", List.of(), List.of(), 0)));
    }

    @Test
    void compactionMergesAPartitionIntoOneFileWithTheSameResults() {
        ParquetStore store = open(dir);
        for (int i = 0; i < 5; i++) {
            store.write(everyType(i * 1000));
            store.write(everyType(i * 1000));
        }
        Map<String, Object> before = Points.read(store, Points.raw("m", List.of(), List.of(), 0));
        assertEquals(40, store.stats().get("files").intValue());
        List<CompactionRun> runs = store.compactNow();
        assertEquals(4, runs.size());
        assertEquals(4, store.stats().get("files").intValue());
        assertEquals(before, Points.read(store, Points.raw("m", List.of(), List.of(), 0)));
        assertEquals(50, store.stats().get("rows").intValue(), "duplicates were dropped");
        assertEquals(0, store.stats().get("files_awaiting_deletion").intValue());
        assertEquals(before, Points.read(open(dir), Points.raw("m", List.of(), List.of(), 0)), "after a restart");
    }

    @Test
    void retentionDropsOldPartitionsAndCutsTheOneItFallsIn() {
        ParquetStore store = open(dir);
        store.write(everyType(0));
        long cut = T0 + HOUR + 30 * 60_000_000_000L;
        long deleted = store.deleteBefore("db", "m", cut);
        Map<String, Object> left = Points.read(store, Points.raw("m", List.of("f"), List.of(), 0));
        assertEquals(5, left.size());
        assertEquals(5, deleted);
        assertTrue(left.keySet().stream().allMatch(k -> Long.parseLong(k.split(" ")[1]) >= cut));
        assertFalse(Files.exists(dir.resolve("db/m/2023/11/14/22")));
        assertNull(Points.read(open(dir), Points.raw("m", List.of("f"), List.of(), 0)).get("{dc=eu,host=h0} " + T0 + " f"));
    }

    @Test
    void measurementNamesThatAreNotPathsStayInsideTheirFolder() {
        ParquetStore store = open(dir);
        WriteBatch.Builder b = WriteBatch.builder("db", "../disk/io ü");
        b.setLong(b.addRow(Tags.of("dev", "sda"), T0), "reads", 3);
        store.write(b.build());
        assertTrue(Files.isDirectory(dir.resolve("db/%2E.%2Fdisk%2Fio%20%C3%BC")));
        ParquetStore reopened = open(dir);
        assertEquals(List.of("../disk/io ü"), reopened.measurements("db"));
        assertEquals(Map.of("{dev=sda} " + T0 + " reads", 3L),
                Points.read(reopened, Points.raw("../disk/io ü", List.of(), List.of(), 0)));
    }

    @Test
    void rangesIncludeTheirStartAndExcludeTheirEnd() {
        ParquetStore store = open(dir);
        store.write(everyType(0));
        long minute = 60_000_000_000L;
        var request = new io.cairn.api.store.ScanRequest("db", "m", T0 + 20 * minute, T0 + 60 * minute, List.of(),
                List.of("f"), null, 0);
        assertEquals(Map.of("{dc=eu,host=h1} " + (T0 + 20 * minute) + " f", 1.5,
                "{dc=eu,host=h2} " + (T0 + 40 * minute) + " f", 2.5), Points.read(store, request));
    }
}
