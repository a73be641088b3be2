package io.cairn.store.parquet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans running while replays and compactions replace files see the same data every time: never old
 * and new files together, never neither, and never a file deleted under them.
 */
class ScansDuringCompactionTest {
    @TempDir
    Path dir;

    @Test
    void everyScanSeesTheSameRowsWhileFilesAreReplaced() throws Exception {
        ParquetStore store = new ParquetStore(dir, new Settings(CompressionCodecName.ZSTD, 512L << 20, 0, 16));
        for (int n = 0; n < 4; n++) {
            store.write(CrashingWriter.batch(n));
        }
        Map<String, Object> expected = Points.read(store, Points.raw("cpu", List.of(), List.of(), 0));
        assertEquals(4 * CrashingWriter.ROWS, expected.size());
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<?> churn = background.submit(() -> {
                for (int round = 0; round < 15; round++) {
                    store.write(CrashingWriter.batch(round % 4));
                    store.compactNow();
                }
            });
            int scans = 0;
            while (!churn.isDone() || scans < 5) {
                assertEquals(expected, Points.read(store, Points.raw("cpu", List.of(), List.of(), 0)), "scan " + scans);
                scans++;
            }
            churn.get();
        } finally {
            background.shutdownNow();
            background.awaitTermination(10, TimeUnit.SECONDS);
        }
        assertEquals(0, store.stats().get("files_awaiting_deletion").intValue());
        assertEquals(4L * CrashingWriter.ROWS, store.stats().get("rows").longValue());
    }
}
