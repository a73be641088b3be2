package io.cairn.store.lmdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.Tags;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heap the store takes does not grow with the number of series: a child JVM with a 64 MB heap writes
 * 500,000 series twice (the store before the bounded cache ran out of heap there), reads them back and counts
 * points grouped by customer (500,000 groups, streamed).
 */
class HeapBoundTest {
    private static final int SERIES = 500_000;

    @TempDir
    Path dir;

    @Test
    void halfAMillionSeriesFitInA64MegabyteHeap() throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                ManySeriesWriter.class.getName(), dir.resolve("lmdb").toString(), String.valueOf(SERIES), "5000")
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!child.waitFor(10, TimeUnit.MINUTES)) {
            child.destroyForcibly();
        }
        String printed = Files.readString(out, StandardCharsets.UTF_8).strip();
        assertEquals(0, child.exitValue(), printed);
        List<String> lines = printed.lines().toList();
        assertEquals(SERIES + " 2 /api/e1 " + SERIES + " 2.0", lines.get(lines.size() - 1));
    }

    @Test
    void theCacheHoldsAtMostItsCapacityAndFindsWhatItHolds() {
        SeriesIdCache cache = new SeriesIdCache(2);
        Tags a = Tags.of("host", "a");
        Tags b = Tags.of("host", "b");
        Tags c = Tags.of("host", "c");
        SeriesIdCacheTest.commit(cache, new Tags[] {a, b}, new long[] {10, 20});
        assertEquals(10, SeriesIdCacheTest.find(cache, Tags.of("host", "a")));
        SeriesIdCacheTest.commit(cache, new Tags[] {c}, new long[] {30});
        assertEquals(2, cache.size());
        assertEquals(-1, SeriesIdCacheTest.find(cache, c));
        assertEquals(10, SeriesIdCacheTest.find(cache, a));
        assertEquals(20, SeriesIdCacheTest.find(cache, b));
        assertTrue(SeriesIdCacheTest.find(new SeriesIdCache(0), a) < 0);
    }
}
