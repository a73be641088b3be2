package io.cairn.store.lmdb.internal;

import static io.cairn.store.lmdb.internal.CrashWriter.REWRITTEN_SLOTS;
import static io.cairn.store.lmdb.internal.CrashWriter.ROWS_PER_SERIES;
import static io.cairn.store.lmdb.internal.CrashWriter.SERIES;
import static io.cairn.store.lmdb.internal.CrashWriter.appendedTime;
import static io.cairn.store.lmdb.internal.CrashWriter.rewrittenTime;
import static io.cairn.store.lmdb.internal.Scans.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.Tags;
import io.cairn.api.store.SeriesBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing process (SIGKILL) at random moments, several times over the same store: after
 * each kill every batch is either wholly in the store or not at all, and writing resumes.
 */
class CrashSafetyTest {
    @TempDir
    Path dir;

    @Test
    void aKilledWriterLeavesEveryBatchWhollyWrittenOrNotAtAll() throws Exception {
        Random random = new Random(31);
        int next = 0;
        for (int round = 0; round < 3; round++) {
            Path log = dir.resolve("writer-" + round + ".log");
            Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(),
                    dir.resolve("lmdb").toString(), String.valueOf(next))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(log.toFile()).start();
            int killAfter = next + 20 + random.nextInt(30);
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (lastPrinted(log) < killAfter) {
                    assertTrue(writer.isAlive() && System.nanoTime() < deadline, "the writer stopped early");
                    Thread.sleep(1);
                }
                Thread.sleep(random.nextInt(4));
            } finally {
                writer.destroyForcibly();
                assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
            }
            int printed = lastPrinted(log);
            int applied = appliedBatches(printed);
            assertTrue(applied >= killAfter);
            next = applied + 1;
        }
        assertTrue(next > 60, "batches written: " + next);
    }

    /** Returns the last batch number the writer printed in full, or -1. */
    private static int lastPrinted(Path log) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return -1;
        }
        return Integer.parseInt(text.substring(text.lastIndexOf('\n', end - 1) + 1, end).trim());
    }

    /** Checks the store after a kill and returns the last batch in it. */
    private int appliedBatches(int printed) {
        LmdbStore store = new LmdbStore(dir.resolve("lmdb"), 1L << 20, 16);
        try {
            Map<Tags, TreeMap<Long, List<Long>>> rows = new HashMap<>();
            for (SeriesBatch b : Scans.all(store, raw("d", "m", Long.MIN_VALUE, Long.MAX_VALUE, List.of(),
                    List.of("batch", "x"), 0))) {
                FieldColumn batch = b.column("batch");
                FieldColumn x = b.column("x");
                for (int r = 0; r < b.size(); r++) {
                    long xBits = x.isPresent(r) ? Double.doubleToLongBits(x.doubleAt(r)) : -1;
                    assertNull(rows.computeIfAbsent(b.tags(), t -> new TreeMap<>()).put(b.times()[r],
                            List.of(batch.longAt(r), xBits)), "a row came back twice");
                }
            }
            int applied = rows.get(Tags.of("host", "h0")).lastEntry().getValue().get(0).intValue();
            assertTrue(applied == printed || applied == printed + 1, "printed " + printed + ", stored " + applied);
            assertEquals(SERIES, rows.size());
            for (int s = 0; s < SERIES; s++) {
                assertEquals(expectedRows(s, applied), rows.get(Tags.of("host", "h" + s)), "series " + s + " after batch " + applied);
            }
            return applied;
        } finally {
            store.close();
        }
    }

    /** Returns time → (batch, bits of x or -1) of a series once batches 0..applied are written. */
    private static Map<Long, List<Long>> expectedRows(int s, int applied) {
        Map<Long, List<Long>> out = new TreeMap<>();
        for (int k = 0; k <= applied; k++) {
            out.put(rewrittenTime(k), List.of((long) k, -1L));
        }
        for (int k = 0; k <= applied; k++) {
            for (int j = 0; j < ROWS_PER_SERIES; j++) {
                out.put(appendedTime(k, j), List.of((long) k, Double.doubleToLongBits(k * 0.5 + s)));
            }
        }
        assertTrue(out.size() <= REWRITTEN_SLOTS + (applied + 1) * ROWS_PER_SERIES);
        return out;
    }
}
