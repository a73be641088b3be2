package io.cairn.store.lmdb.internal;

import org.lmdbjava.Cursor;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/**
 * The chunks of one series and field whose blocks overlap a time range, in time order: the closed
 * ones from {@code chunks}, then the open one (see {@link FieldChunkWriter}), which is the latest.
 */
final class FieldChunks implements AutoCloseable {
    private final Cursor<byte[]> cursor;
    private final byte[] prefix;
    private final long end;
    private byte[] key;
    private byte[] open;
    private long openBlock;

    FieldChunks(LmdbEnvironment lmdb, Txn<byte[]> txn, long seriesId, String field, long start, long end) {
        this.cursor = lmdb.chunks.openCursor(txn);
        this.prefix = Keys.chunkPrefix(seriesId, field);
        this.end = end;
        if (cursor.get(Keys.chunkKey(prefix, Keys.blockOf(start)), GetOp.MDB_SET_RANGE)) {
            key = cursor.key();
        }
        checkKey();
        open = lmdb.openChunks.get(txn, prefix);
        if (open != null) {
            openBlock = FieldChunkWriter.blockOfChunk(open);
            if (openBlock < Keys.blockOf(start) || openBlock >= end) {
                open = null;
            }
        }
    }

    /** Returns the block start of the next chunk, or Long.MAX_VALUE when there is none. */
    long peekBlock() {
        if (key != null) {
            return Keys.blockOfChunkKey(key);
        }
        return open == null ? Long.MAX_VALUE : openBlock;
    }

    /** Returns the next chunk's encoded bytes and moves past it. */
    byte[] take() {
        if (key == null) {
            byte[] value = open;
            open = null;
            return value;
        }
        byte[] value = cursor.val();
        key = cursor.next() ? cursor.key() : null;
        checkKey();
        return value;
    }

    private void checkKey() {
        if (key != null && (!Keys.startsWith(key, prefix) || key.length != prefix.length + 8
                || Keys.blockOfChunkKey(key) >= end)) {
            key = null;
        }
    }

    @Override
    public void close() {
        cursor.close();
    }
}
