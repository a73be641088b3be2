package io.cairn.store.parquet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.SeriesBatch;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a process writing and compacting: on restart no half file is visible, every acknowledged
 * batch is there, and replaying the unacknowledged tail (as the write-ahead log does) never duplicates.
 */
class KillDuringWriteTest {
    @TempDir
    Path dir;

    @Test
    void aKilledWriterLeavesWholeFilesAndReplayDoesNotDuplicate() throws Exception {
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashingWriter.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int acked = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acked < 21 && (line = out.readLine()) != null) {
                acked = Integer.parseInt(line.substring(4));
            }
            writer.destroyForcibly().waitFor();
        }
        assertTrue(acked >= 21, "the writer acknowledged " + acked);

        ParquetStore store = new ParquetStore(dir, new Settings(CompressionCodecName.ZSTD, 512L << 20, 0, 16));
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".tmp")).toList(), "leftovers are removed");
        }
        Map<String, Object> seen = Points.read(store, Points.raw("cpu", List.of("value"), List.of(), 0));
        for (int n = 0; n <= acked; n++) {
            assertEquals(n * 1000.0 + 7, seen.get(key(n, 7)), "acknowledged batch " + n);
        }
        for (int n = acked; n <= acked + 2; n++) {
            store.write(CrashingWriter.batch(n));
        }
        store.compactNow();
        long expected = (acked + 3L) * CrashingWriter.ROWS;
        Aggregation count = new Aggregation(0, List.of(), List.of(AggregateFunction.COUNT, AggregateFunction.SUM));
        try (ScanCursor cursor = store.scan(Points.aggregate("cpu", List.of("value"), count, 0, Long.MAX_VALUE))) {
            SeriesBatch batch = cursor.next();
            assertEquals(expected, (long) batch.column("count(value)").doubleAt(0));
        }
        assertEquals(expected, store.stats().get("rows").longValue(), "compaction dropped every duplicate");
    }

    private static String key(int n, int i) {
        long time = ParquetStoreTest.T0 + ((long) n * CrashingWriter.ROWS + i) * 20_000_000_000L;
        return "{host=h" + i % 30 + "} " + time + " value";
    }
}
