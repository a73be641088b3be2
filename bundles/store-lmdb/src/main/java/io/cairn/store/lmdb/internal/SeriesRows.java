package io.cairn.store.lmdb.internal;

import io.cairn.api.model.Tags;
import io.cairn.api.store.SeriesBatch;
import org.lmdbjava.Txn;

/** Reads the rows of one series over a time range, one batch per time block, fields side by side. */
final class SeriesRows implements AutoCloseable {
    private final Tags tags;
    private final ScanFields fields;
    private final BlockWalk walk;
    private final long start;
    private final long end;
    private final ScanBuffers buffers;

    /** Reads through a scan's buffers (see {@link ScanBuffers}). */
    SeriesRows(LmdbEnvironment lmdb, Txn<byte[]> txn, long seriesId, Tags tags, ScanFields fields, long start,
            long end, ScanBuffers buffers) {
        this.tags = tags;
        this.buffers = buffers;
        this.fields = fields;
        this.start = start;
        this.end = end;
        this.walk = BlockWalk.forwards(lmdb, txn, seriesId, fields, start, end);
    }

    /** Returns the next block's rows (at most maxRows), or null when the series is exhausted. */
    SeriesBatch next(long maxRows) {
        BlockRows rows = nextBlock();
        return rows == null ? null : rows.toBatch(tags, fields, (int) Math.min(rows.size, maxRows));
    }

    /** Returns the next block with rows, or null when the series is exhausted. */
    BlockRows nextBlock() {
        for (byte[][] chunks = walk.next(); chunks != null; chunks = walk.next()) {
            BlockRows rows = BlockRows.read(fields, chunks, start, end, buffers);
            if (rows.size > 0) {
                return rows;
            }
        }
        return null;
    }

    @Override
    public void close() {
        walk.close();
    }
}
