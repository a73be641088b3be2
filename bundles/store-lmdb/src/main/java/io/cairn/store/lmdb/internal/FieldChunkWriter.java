package io.cairn.store.lmdb.internal;

import org.lmdbjava.Cursor;
import org.lmdbjava.GetOp;
import org.lmdbjava.SeekOp;
import org.lmdbjava.Txn;

/**
 * Writes fresh points into the chunks of one series field. The chunk of the field's latest block is
 * open: it lives in the small {@code open-chunks} database under the field's chunk prefix, so that
 * the chunks every batch rewrites share few LMDB pages. When a later block starts, the open chunk
 * moves to {@code chunks} under its block key; points of earlier blocks go to those closed chunks.
 * Every closed block of a field is earlier than its open one.
 */
final class FieldChunkWriter {
    private static final long NONE = Long.MIN_VALUE;

    private final LmdbEnvironment lmdb;
    private Txn<byte[]> txn;
    private byte[] prefix;
    private byte[] open;
    private long openBlock;
    private boolean openChanged;

    FieldChunkWriter(LmdbEnvironment lmdb) {
        this.lmdb = lmdb;
    }

    /** Starts on the series field whose chunk keys start with {@code prefix}. */
    void begin(Txn<byte[]> txn, byte[] prefix) {
        this.txn = txn;
        this.prefix = prefix;
        this.open = lmdb.openChunks.get(txn, prefix);
        this.openBlock = open == null ? NONE : blockOfChunk(open);
        this.openChanged = false;
    }

    /** Writes the fresh points of one block; blocks must come in ascending order. */
    void write(long block, ChunkPoints fresh) {
        if (open != null && block == openBlock) {
            open = BatchWriter.merged(open, fresh);
            openChanged = true;
        } else if (open != null && block > openBlock) {
            LmdbEnvironment.put(lmdb.chunks, txn, Keys.chunkKey(prefix, openBlock), open);
            open(block, ChunkCodec.encode(fresh));
        } else if (open == null && block > lastClosedBlock()) {
            open(block, ChunkCodec.encode(fresh));
        } else {
            byte[] key = Keys.chunkKey(prefix, block);
            LmdbEnvironment.put(lmdb.chunks, txn, key, BatchWriter.merged(lmdb.chunks.get(txn, key), fresh));
        }
    }

    /** Stores the open chunk if it changed. */
    void end() {
        if (openChanged) {
            LmdbEnvironment.put(lmdb.openChunks, txn, prefix, open);
        }
    }

    private void open(long block, byte[] chunk) {
        open = chunk;
        openBlock = block;
        openChanged = true;
    }

    /** Returns the block of the field's last closed chunk, or Long.MIN_VALUE when there is none. */
    private long lastClosedBlock() {
        try (Cursor<byte[]> c = lmdb.chunks.openCursor(txn)) {
            byte[] after = Keys.after(prefix);
            boolean found = after != null && c.get(after, GetOp.MDB_SET_RANGE) ? c.seek(SeekOp.MDB_PREV) : c.last();
            if (found && Keys.startsWith(c.key(), prefix) && c.key().length == prefix.length + 8) {
                return Keys.blockOfChunkKey(c.key());
            }
            return NONE;
        }
    }

    static long blockOfChunk(byte[] chunk) {
        return Keys.blockOf(ChunkCodec.minTime(chunk));
    }
}
