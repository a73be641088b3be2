package io.cairn.store.lmdb.internal;

import java.nio.charset.StandardCharsets;
import org.lmdbjava.Cursor;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/**
 * The chunks of one series and field whose blocks overlap a time range, in time order: the closed
 * ones from {@code chunks}, then the open one (see {@link FieldChunkWriter}), which is the latest.
 */
final class FieldChunks implements ChunkSource {
    private final Cursor<byte[]> cursor;
    private final boolean ownsCursor;
    private final byte[] prefix;
    private final long end;
    private byte[] key;
    private byte[] open;
    private long openBlock;

    FieldChunks(LmdbEnvironment lmdb, Txn<byte[]> txn, long seriesId, String field, long start, long end) {
        this(lmdb, txn, null, seriesId, field, start, end);
    }

    /** Reads through a cursor of {@code chunks} shared by many series (left open), or its own when null. */
    FieldChunks(LmdbEnvironment lmdb, Txn<byte[]> txn, Cursor<byte[]> shared, long seriesId, String field, long start,
            long end) {
        this(lmdb, txn, shared, seriesId, field.getBytes(StandardCharsets.UTF_8), start, end);
    }

    /** Like the other, the field given by its UTF-8 name. */
    FieldChunks(LmdbEnvironment lmdb, Txn<byte[]> txn, Cursor<byte[]> shared, long seriesId, byte[] fieldUtf8,
            long start, long end) {
        this.ownsCursor = shared == null;
        this.cursor = shared == null ? lmdb.chunks.openCursor(txn) : shared;
        this.prefix = Keys.chunkPrefix(seriesId, fieldUtf8);
        this.end = end;
        long firstBlock = Keys.blockOf(start);
        open = lmdb.openChunks.get(txn, prefix);
        if (open != null) {
            openBlock = FieldChunkWriter.blockOfChunk(open);
        }
        // closed blocks are all earlier than the open one: none overlaps a range that starts in the open block
        if ((open == null || openBlock > firstBlock)
                && cursor.get(Keys.chunkKey(prefix, firstBlock), GetOp.MDB_SET_RANGE)) {
            key = cursor.key();
        }
        checkKey();
        if (open != null && (openBlock < firstBlock || openBlock >= end)) {
            open = null;
        }
    }

    /** Returns the block start of the next chunk, or Long.MAX_VALUE when there is none. */
    @Override
    public long peekBlock() {
        if (key != null) {
            return Keys.blockOfChunkKey(key);
        }
        return open == null ? Long.MAX_VALUE : openBlock;
    }

    @Override
    public byte[] take() {
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

    @Override
    public void skip() {
        if (key == null) {
            open = null;
            return;
        }
        key = cursor.next() ? cursor.key() : null;
        checkKey();
    }

    private void checkKey() {
        if (key != null && (!Keys.startsWith(key, prefix) || key.length != prefix.length + 8
                || Keys.blockOfChunkKey(key) >= end)) {
            key = null;
        }
    }

    @Override
    public void close() {
        if (ownsCursor) {
            cursor.close();
        }
    }
}
