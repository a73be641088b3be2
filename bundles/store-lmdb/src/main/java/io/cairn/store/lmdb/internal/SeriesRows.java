package io.cairn.store.lmdb.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.store.SeriesBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.lmdbjava.Txn;

/** Reads the rows of one series over a time range, one batch per time block, fields side by side. */
final class SeriesRows implements AutoCloseable {
    private final Tags tags;
    private final List<String> fields;
    private final List<FieldType> types;
    private final FieldChunks[] chunks;
    private final long start;
    private final long end;

    SeriesRows(LmdbEnvironment lmdb, Txn<byte[]> txn, long seriesId, Tags tags, List<String> fields,
            List<FieldType> types, long start, long end) {
        this.tags = tags;
        this.fields = fields;
        this.types = types;
        this.start = start;
        this.end = end;
        this.chunks = new FieldChunks[fields.size()];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = new FieldChunks(lmdb, txn, seriesId, fields.get(i), start, end);
        }
    }

    /** Returns the next block's rows (at most maxRows), or null when the series is exhausted. */
    SeriesBatch next(long maxRows) {
        while (true) {
            long block = Long.MAX_VALUE;
            for (FieldChunks c : chunks) {
                block = Math.min(block, c.peekBlock());
            }
            if (block == Long.MAX_VALUE) {
                return null;
            }
            ChunkPoints[] parts = new ChunkPoints[chunks.length];
            long[] all = new long[0];
            for (int i = 0; i < chunks.length; i++) {
                if (chunks[i].peekBlock() == block) {
                    parts[i] = ChunkCodec.decode(chunks[i].take()).slice(start, end);
                    all = union(all, parts[i].times, parts[i].size);
                }
            }
            if (all.length > 0) {
                int size = (int) Math.min(all.length, maxRows);
                return batch(parts, all, size);
            }
        }
    }

    private SeriesBatch batch(ChunkPoints[] parts, long[] times, int size) {
        List<FieldColumn> columns = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            FieldType type = types.get(i);
            ChunkPoints column = ChunkPoints.allocate(type, size);
            BitSet present = new BitSet(size);
            ChunkPoints part = parts[i];
            int row = 0;
            for (int j = 0; part != null && j < part.size; j++) {
                while (row < size && times[row] < part.times[j]) {
                    row++;
                }
                if (row == size) {
                    break;
                }
                column.set(row, part, j);
                present.set(row);
            }
            FieldColumn c = switch (type) {
                case FLOAT -> FieldColumn.ofDoubles(fields.get(i), column.doubles, size);
                case INTEGER -> FieldColumn.ofLongs(fields.get(i), column.longs, size);
                case BOOLEAN -> FieldColumn.ofBooleans(fields.get(i), column.booleans, size);
                case STRING -> FieldColumn.ofStrings(fields.get(i), column.strings, size);
            };
            columns.add(present.cardinality() == size ? c : c.withPresence(present));
        }
        return new SeriesBatch(tags, size, Arrays.copyOf(times, size), columns);
    }

    private static long[] union(long[] a, long[] b, int bSize) {
        long[] out = new long[a.length + bSize];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < bSize) {
            long next;
            if (j == bSize || (i < a.length && a[i] <= b[j])) {
                next = a[i++];
            } else {
                next = b[j++];
            }
            if (n == 0 || out[n - 1] != next) {
                out[n++] = next;
            }
        }
        return Arrays.copyOf(out, n);
    }

    @Override
    public void close() {
        for (FieldChunks c : chunks) {
            c.close();
        }
    }
}
