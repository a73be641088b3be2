package io.cairn.store.lmdb.internal;

import static io.cairn.store.lmdb.internal.Scans.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.SeriesBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The open chunk of each series field, and stores written before open chunks existed. */
class OpenChunksTest {
    private static final long HOUR = Keys.BLOCK_NANOS;
    private static final long T0 = 1_699_999_200_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final Tags HOST = Tags.of("host", "a");

    @TempDir
    Path dir;

    private static WriteBatch points(long from, long to, long step, long value) {
        WriteBatch.Builder b = WriteBatch.builder("d", "m");
        for (long t = from; t < to; t += step) {
            b.setLong(b.addRow(HOST, t), "n", value + (t - T0) / SECOND);
        }
        return b.build();
    }

    private List<long[]> read(LmdbStore store) {
        List<long[]> out = new ArrayList<>();
        for (SeriesBatch b : Scans.all(store, raw("d", "m", Long.MIN_VALUE, Long.MAX_VALUE, List.of(), List.of("n"), 0))) {
            for (int r = 0; r < b.size(); r++) {
                out.add(new long[] {b.times()[r], b.column("n").longAt(r)});
            }
        }
        return out;
    }

    /** Moves every open chunk to the closed chunks in the sectioned layout, as the store kept them before. */
    private void rewriteAsOldLayout() {
        try (LmdbEnvironment lmdb = LmdbEnvironment.open(dir, 1L << 20, 4)) {
            lmdb.write(txn -> {
                List<byte[][]> open = new ArrayList<>();
                PrefixScan.forEach(lmdb.openChunks, txn, new byte[0], (k, v) -> open.add(new byte[][] {k, v}));
                for (byte[][] e : open) {
                    lmdb.openChunks.delete(txn, e[0]);
                    lmdb.chunks.put(txn, Keys.chunkKey(e[0], FieldChunkWriter.blockOfChunk(e[1])),
                            ChunkCodec.encodeSectioned(ChunkCodec.decode(e[1])));
                }
                return null;
            });
        }
    }

    @Test
    void onlyTheLatestBlockIsOpenAndEarlierPointsGoToClosedChunks() {
        LmdbStore store = new LmdbStore(dir, 1L << 20, 4);
        try {
            store.write(points(T0, T0 + 3 * HOUR, 60 * SECOND, 0));
            assertEquals(3L, store.stats().get("chunks"));
            assertEquals(1L, store.stats().get("open_chunks"));
            store.write(points(T0 + 30 * SECOND, T0 + HOUR, 600 * SECOND, 1000));
            store.write(points(T0 + 2 * HOUR + 30 * SECOND, T0 + 4 * HOUR, 600 * SECOND, 2000));
            assertEquals(4L, store.stats().get("chunks"));
            List<long[]> rows = read(store);
            assertEquals(180 + 6 + 12, rows.size());
            for (int i = 1; i < rows.size(); i++) {
                assertTrue(rows.get(i)[0] > rows.get(i - 1)[0]);
            }
            assertEquals(1000 + 30, rows.get(1)[1]);
            assertEquals(2000 + 4 * 3600 - 600 + 30, rows.get(rows.size() - 1)[1]);
            assertEquals(0, store.deleteBefore("d", "m", T0));
            assertEquals(180 + 6 + 6, store.deleteBefore("d", "m", T0 + 3 * HOUR + 1));
            assertEquals(T0 + 3 * HOUR + 30 * SECOND + 1200 * SECOND, read(store).get(2)[0]);
            assertEquals(6, store.deleteBefore("d", "m", Long.MAX_VALUE));
            assertEquals(0L, store.stats().get("chunks"));
        } finally {
            store.close();
        }
    }

    @Test
    void aStoreOfTheOldLayoutReadsAndTakesNewPoints() {
        LmdbStore first = new LmdbStore(dir, 1L << 20, 4);
        first.write(points(T0, T0 + 2 * HOUR - 1800 * SECOND, 60 * SECOND, 0));
        first.close();
        rewriteAsOldLayout();
        LmdbStore store = new LmdbStore(dir, 1L << 20, 4);
        try {
            assertEquals(0L, store.stats().get("open_chunks"));
            assertEquals(90, read(store).size());
            store.write(points(T0 + 30 * SECOND, T0 + 90 * SECOND, 60 * SECOND, 500));
            store.write(points(T0 + 2 * HOUR - 1800 * SECOND, T0 + 2 * HOUR + 600 * SECOND, 60 * SECOND, 0));
            assertEquals(1L, store.stats().get("open_chunks"));
            List<long[]> rows = read(store);
            assertEquals(90 + 1 + 40, rows.size());
            assertEquals(500 + 30, rows.get(1)[1]);
            assertEquals((2 * 3600 + 540), rows.get(rows.size() - 1)[1]);
            assertFalse(rows.stream().anyMatch(r -> r[1] != (r[0] - T0) / SECOND && r[1] != 530));
        } finally {
            store.close();
        }
    }
}
