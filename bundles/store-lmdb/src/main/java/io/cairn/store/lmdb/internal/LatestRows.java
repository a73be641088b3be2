package io.cairn.store.lmdb.internal;

import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.store.SeriesBatch;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.lmdbjava.Txn;

/**
 * Reads the latest rows of one series in a time range — the rows at the latest n times at which each field has a
 * value — walking its blocks from the end of the range backwards until every field has n values, so the cost does
 * not grow with the history (unless a field has fewer values in the range). The latest row of numeric fields that
 * end together comes from the chunks' headers and encoder state, without decoding a point.
 */
final class LatestRows {
    private LatestRows() {
    }

    /** Returns the series' latest {@code n} rows in {@code [start, end)}, at most {@code maxRows}; null if none. */
    static SeriesBatch read(LmdbEnvironment lmdb, Txn<byte[]> txn, long seriesId, Tags tags, ScanFields fields,
            long start, long end, int n, long maxRows, ScanBuffers buffers) {
        if (start >= end) {
            return null;
        }
        List<BlockRows> latestFirst = new ArrayList<>();
        int[] found = new int[fields.outputs()];
        try (BlockWalk walk = BlockWalk.backwards(lmdb, txn, seriesId, fields, start, end)) {
            byte[][] chunks;
            while (!everyFieldHas(found, n) && (chunks = walk.next()) != null) {
                BlockRows rows = n == 1 && fields.filter() == null ? lastRow(fields, chunks, start, end) : null;
                if (rows == null) {
                    rows = BlockRows.read(fields, chunks, start, end, buffers);
                }
                if (rows.size > 0) {
                    latestFirst.add(rows);
                    for (int o = 0; o < found.length; o++) {
                        found[o] += rows.valuesOf(o);
                    }
                }
            }
        }
        BlockRows rows = BlockRows.latest(latestFirst, n, fields);
        return rows.size == 0 ? null : rows.toBatch(tags, fields, (int) Math.min(rows.size, maxRows));
    }

    private static boolean everyFieldHas(int[] found, int n) {
        for (int f : found) {
            if (f < n) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the latest row of a block from its chunks' headers and encoder state, or null when the block does
     * not allow it (a field without a chunk, chunks ending at different times, a chunk not appendable or not
     * numeric, or its last point outside the range): then each field's latest value is in that one row.
     */
    private static BlockRows lastRow(ScanFields fields, byte[][] chunks, long start, long end) {
        long latest = Long.MIN_VALUE;
        for (int o = 0; o < chunks.length; o++) {
            if (chunks[o] == null || !ChunkAppender.isAppendable(chunks[o])
                    || !ChunkCodec.type(chunks[o]).isNumeric()) {
                return null;
            }
            long last = ChunkCodec.maxTime(chunks[o]);
            if (last < start || last >= end || (o > 0 && last != latest)) {
                return null;
            }
            latest = last;
        }
        int outputs = fields.outputs();
        BlockRows row = new BlockRows(1, new long[] {latest}, new ChunkPoints[outputs], new BitSet[outputs]);
        for (int o = 0; o < outputs; o++) {
            FieldType type = ChunkCodec.type(chunks[o]);
            ChunkPoints last = ChunkPoints.values(type, 1);
            long bits = ChunkAppender.State.lastValue(chunks[o], type);
            if (type == FieldType.INTEGER) {
                last.longs[0] = bits;
            } else {
                last.doubles[0] = Double.longBitsToDouble(bits);
            }
            row.values[o] = last; // its presence stays null: the one row has a value of every field
        }
        return outputs == 0 ? null : row;
    }
}
