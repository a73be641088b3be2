package io.cairn.store.lmdb.internal;

import org.lmdbjava.Cursor;
import org.lmdbjava.GetOp;
import org.lmdbjava.PutFlags;
import org.lmdbjava.SeekOp;
import org.lmdbjava.Txn;

/**
 * Writes fresh points into the chunks of one series field after another, within one write transaction. The
 * chunk of the field's latest block is open: it lives in the small {@code open-chunks} database under the
 * field's chunk prefix, so that the chunks every batch rewrites share few LMDB pages. When a later block starts,
 * the open chunk moves to {@code chunks} under its block key; points of earlier blocks go to those closed chunks.
 * Every closed block of a field is earlier than its open one. One cursor reads and rewrites the open chunks:
 * series fields come mostly in key order, so LMDB finds most of them on the page the cursor is on instead of
 * searching from the root, and the rewrite of a chunk just read needs no search at all. A field of a series created in the
 * same write has nothing stored, so it is not looked up.
 */
final class FieldChunkWriter implements AutoCloseable {
    private static final long NONE = Long.MIN_VALUE;

    private final LmdbEnvironment lmdb;
    private final Txn<byte[]> txn;
    private final Cursor<byte[]> openChunks;
    private byte[] prefix;
    private boolean newSeries;
    private byte[] open;
    private long openBlock;
    private boolean openChanged;

    FieldChunkWriter(LmdbEnvironment lmdb, Txn<byte[]> txn) {
        this.lmdb = lmdb;
        this.txn = txn;
        this.openChunks = lmdb.openChunks.openCursor(txn);
    }

    /**
     * Starts on the series field whose chunk keys start with {@code prefix} (cheapest in ascending order).
     * {@code newSeries} tells that the series was created in this transaction and has no chunks yet.
     */
    void begin(byte[] prefix, boolean newSeries) {
        this.prefix = prefix;
        this.newSeries = newSeries;
        this.open = !newSeries && openChunks.get(prefix, GetOp.MDB_SET_KEY) ? openChunks.val() : null;
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
        } else if (open == null && (newSeries || block > lastClosedBlock())) {
            open(block, ChunkCodec.encode(fresh));
        } else {
            byte[] key = Keys.chunkKey(prefix, block);
            LmdbEnvironment.put(lmdb.chunks, txn, key, BatchWriter.merged(lmdb.chunks.get(txn, key), fresh));
        }
    }

    /** Stores the open chunk if it changed. */
    void end() {
        if (openChanged) {
            openChunks.put(prefix, open, (PutFlags[]) null);
        }
    }

    @Override
    public void close() {
        openChunks.close();
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
