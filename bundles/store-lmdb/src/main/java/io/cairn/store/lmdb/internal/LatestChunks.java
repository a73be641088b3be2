package io.cairn.store.lmdb.internal;

import org.lmdbjava.Cursor;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/**
 * The chunks of one series and field whose blocks overlap a time range, latest first: the open one (see
 * {@link FieldChunkWriter}), then the closed ones from the last block the range touches backwards. The cursor
 * over closed chunks is opened only when they are reached, so a read that the open chunk satisfies costs one
 * lookup.
 */
final class LatestChunks implements ChunkSource {
    private final LmdbEnvironment lmdb;
    private final Txn<byte[]> txn;
    private final byte[] prefix;
    private final long firstBlock;
    private final long lastBlock;
    private Cursor<byte[]> cursor;
    private boolean sought;
    private byte[] key;
    private byte[] open;
    private long openBlock;

    /** The chunks of {@code [start, end)}, which must not be empty. */
    LatestChunks(LmdbEnvironment lmdb, Txn<byte[]> txn, long seriesId, String field, long start, long end) {
        this.lmdb = lmdb;
        this.txn = txn;
        this.prefix = Keys.chunkPrefix(seriesId, field);
        this.firstBlock = Keys.blockOf(start);
        this.lastBlock = Keys.blockOf(end - 1);
        open = lmdb.openChunks.get(txn, prefix);
        if (open != null) {
            openBlock = FieldChunkWriter.blockOfChunk(open);
            if (openBlock < firstBlock) {
                sought = true; // closed blocks are all earlier than the open one: none overlaps the range
                open = null;
            } else if (openBlock > lastBlock) {
                open = null;
            }
        }
    }

    @Override
    public long peekBlock() {
        if (open != null) {
            return openBlock;
        }
        if (!sought) {
            seek();
        }
        return key == null ? Long.MIN_VALUE : Keys.blockOfChunkKey(key);
    }

    private void seek() {
        sought = true;
        cursor = lmdb.chunks.openCursor(txn);
        byte[] target = Keys.chunkKey(prefix, lastBlock);
        if (cursor.get(target, GetOp.MDB_SET_RANGE)) {
            key = cursor.key();
            if (!java.util.Arrays.equals(key, target)) {
                key = cursor.prev() ? cursor.key() : null;
            }
        } else {
            key = cursor.last() ? cursor.key() : null;
        }
        checkKey();
    }

    @Override
    public byte[] take() {
        if (open != null) {
            byte[] value = open;
            open = null;
            return value;
        }
        byte[] value = cursor.val();
        skip();
        return value;
    }

    @Override
    public void skip() {
        if (open != null) {
            open = null;
            return;
        }
        key = cursor.prev() ? cursor.key() : null;
        checkKey();
    }

    private void checkKey() {
        if (key != null && (!Keys.startsWith(key, prefix) || key.length != prefix.length + 8
                || Keys.blockOfChunkKey(key) < firstBlock)) {
            key = null;
        }
    }

    @Override
    public void close() {
        if (cursor != null) {
            cursor.close();
        }
    }
}
