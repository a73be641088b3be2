package io.cairn.store.lmdb.internal;

import java.util.ArrayList;
import java.util.List;
import org.lmdbjava.Cursor;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/**
 * Deletes the points of a measurement older than a time: chunks (closed and open) that end before
 * it are dropped whole without decoding, the one that straddles it is trimmed and rewritten.
 */
final class Retention {
    private final LmdbEnvironment lmdb;
    private final SeriesIndex index;

    Retention(LmdbEnvironment lmdb, SeriesIndex index) {
        this.lmdb = lmdb;
        this.index = index;
    }

    /** Deletes within a write transaction and returns the number of points deleted. */
    long deleteBefore(Txn<byte[]> txn, String db, String measurement, long time) {
        long deleted = 0;
        for (long id : index.all(txn, db, measurement)) {
            List<byte[]> drop = new ArrayList<>();
            List<byte[][]> rewrite = new ArrayList<>();
            byte[] prefix = Keys.id(id);
            try (Cursor<byte[]> c = lmdb.chunks.openCursor(txn)) {
                boolean found = c.get(prefix, GetOp.MDB_SET_RANGE);
                while (found) {
                    byte[] key = c.key();
                    if (!Keys.startsWith(key, prefix)) {
                        break;
                    }
                    if (Keys.blockOfChunkKey(key) >= time) {
                        byte[] nextField = Keys.after(Keys.chunkPrefixOf(key));
                        found = nextField != null && c.get(nextField, GetOp.MDB_SET_RANGE);
                        continue;
                    }
                    byte[] chunk = c.val();
                    ChunkHeader h = ChunkCodec.header(chunk);
                    if (h.maxTime() < time) {
                        drop.add(key);
                        deleted += h.count();
                    } else if (h.minTime() < time) {
                        ChunkPoints kept = ChunkCodec.decode(chunk).slice(time, Long.MAX_VALUE);
                        deleted += h.count() - kept.size;
                        rewrite.add(new byte[][] {key, ChunkCodec.encode(kept)});
                    }
                    found = c.next();
                }
            }
            for (byte[] key : drop) {
                lmdb.chunks.delete(txn, key);
            }
            for (byte[][] entry : rewrite) {
                lmdb.chunks.put(txn, entry[0], entry[1]);
            }
            deleted += deleteOpenBefore(txn, prefix, time);
        }
        return deleted;
    }

    /** Drops or trims the open chunks (one per field) of a series; returns the number of points deleted. */
    private long deleteOpenBefore(Txn<byte[]> txn, byte[] seriesPrefix, long time) {
        List<byte[]> drop = new ArrayList<>();
        List<byte[][]> rewrite = new ArrayList<>();
        long[] deleted = {0};
        PrefixScan.forEach(lmdb.openChunks, txn, seriesPrefix, (key, chunk) -> {
            ChunkHeader h = ChunkCodec.header(chunk);
            if (h.maxTime() < time) {
                drop.add(key);
                deleted[0] += h.count();
            } else if (h.minTime() < time) {
                ChunkPoints kept = ChunkCodec.decode(chunk).slice(time, Long.MAX_VALUE);
                deleted[0] += h.count() - kept.size;
                rewrite.add(new byte[][] {key, ChunkCodec.encode(kept)});
            }
            return true;
        });
        for (byte[] key : drop) {
            lmdb.openChunks.delete(txn, key);
        }
        for (byte[][] entry : rewrite) {
            lmdb.openChunks.put(txn, entry[0], entry[1]);
        }
        return deleted[0];
    }
}
