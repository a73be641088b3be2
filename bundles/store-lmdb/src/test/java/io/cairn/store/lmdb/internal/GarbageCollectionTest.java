package io.cairn.store.lmdb.internal;

import static io.cairn.store.lmdb.internal.Scans.raw;
import static io.cairn.store.lmdb.internal.Scans.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes and reads while the collector runs constantly: the native copies of keys and values must
 * outlive the LMDB calls that read them (lmdbjava's ByteArrayProxy crashed the JVM here).
 */
class GarbageCollectionTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void keysAndValuesSurviveCollectionsDuringLmdbCalls() throws Exception {
        LmdbStore store = new LmdbStore(dir, 64L << 20, 32);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread collector = new Thread(() -> {
            while (running.get()) {
                System.gc();
            }
        });
        collector.start();
        try {
            for (int batch = 0; batch < 40; batch++) {
                WriteBatch.Builder b = WriteBatch.builder("d", "m");
                for (int s = 0; s < 200; s++) {
                    Tags tags = Tags.of("host", "host-" + s, "region", "r" + s % 7);
                    for (int i = 0; i < 5; i++) {
                        b.setDouble(b.addRow(tags, T0 + (batch * 5L + i) * SECOND), "v", s + i);
                    }
                }
                store.write(b.build());
            }
            assertEquals(40 * 200 * 5, rows(Scans.all(store, raw("d", "m", T0, T0 + 1000 * SECOND, List.of(), List.of("v"), 0))));
            assertEquals(200, store.seriesCount("d", "m"));
        } finally {
            running.set(false);
            collector.join();
            store.close();
        }
    }
}
