package io.cairn.store.lmdb.internal;

import static io.cairn.store.lmdb.internal.Scans.raw;
import static io.cairn.store.lmdb.internal.Scans.rows;
import static io.cairn.store.lmdb.internal.Scans.tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentAccessTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void writersAndReadersShareTheStoreWhileTheMapGrows() throws Exception {
        long initial = 256 * 1024;
        LmdbStore store = new LmdbStore(dir, initial, 32);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String writer = "w" + w;
                writers.add(pool.submit(() -> {
                    Random random = new Random(writer.hashCode());
                    for (int batch = 0; batch < 10; batch++) {
                        WriteBatch.Builder b = WriteBatch.builder("d", "m");
                        for (int s = 0; s < 5; s++) {
                            Tags tags = Tags.of("writer", writer, "s", "s" + s);
                            for (int i = 0; i < 400; i++) {
                                b.setDouble(b.addRow(tags, T0 + (batch * 400L + i) * SECOND), "v", random.nextDouble());
                            }
                        }
                        store.write(b.build());
                    }
                    return null;
                }));
            }
            Future<Integer> reader = pool.submit(() -> {
                int scans = 0;
                while (writing.get()) {
                    int n = rows(Scans.all(store, raw("d", "m", T0, T0 + 4000 * SECOND,
                            List.of(tag("writer", "w0")), List.of("v"), 0)));
                    assertTrue(n % 400 == 0 && n <= 5 * 4000, "whole batches only, saw " + n);
                    scans++;
                }
                return scans;
            });
            for (Future<?> f : writers) {
                f.get(60, TimeUnit.SECONDS);
            }
            writing.set(false);
            assertTrue(reader.get(60, TimeUnit.SECONDS) > 0);
            assertEquals(4 * 5 * 4000, rows(Scans.all(store, raw("d", "m", T0, T0 + 4000 * SECOND, List.of(), List.of("v"), 0))));
            assertEquals(20, store.seriesCount("d", "m"));
            assertTrue(store.stats().get("map_size").longValue() > initial);
        } finally {
            writing.set(false);
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
            store.close();
        }
    }
}
