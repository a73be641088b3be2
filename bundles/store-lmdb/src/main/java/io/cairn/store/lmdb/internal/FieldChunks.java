package io.cairn.store.lmdb.internal;

import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/** The chunks of one series and field whose blocks overlap a time range, in time order. */
final class FieldChunks implements AutoCloseable {
    private final Cursor<byte[]> cursor;
    private final byte[] prefix;
    private final long end;
    private byte[] key;

    FieldChunks(Dbi<byte[]> chunks, Txn<byte[]> txn, long seriesId, String field, long start, long end) {
        this.cursor = chunks.openCursor(txn);
        this.prefix = Keys.chunkPrefix(seriesId, field);
        this.end = end;
        if (cursor.get(Keys.chunkKey(prefix, Keys.blockOf(start)), GetOp.MDB_SET_RANGE)) {
            key = cursor.key();
        }
        checkKey();
    }

    /** Returns the block start of the next chunk, or Long.MAX_VALUE when there is none. */
    long peekBlock() {
        return key == null ? Long.MAX_VALUE : Keys.blockOfChunkKey(key);
    }

    /** Returns the next chunk's encoded bytes and moves past it. */
    byte[] take() {
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
