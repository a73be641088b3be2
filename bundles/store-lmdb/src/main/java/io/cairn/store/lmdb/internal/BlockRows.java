package io.cairn.store.lmdb.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.store.SeriesBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The rows of one series in one time block (or the latest rows of a series): ascending times and, per output
 * field of a {@link ScanFields}, the values at those rows (null when the field has none) with their presence.
 * With field predicates a block whose predicate chunks' summaries (min and max) rule out every row is not
 * decoded; else the predicate fields are decoded first, and the other fields only up to the last selected time,
 * not at all when no selected time falls inside their chunk. A field's presence is null when every row has a value.
 */
final class BlockRows {
    static final BlockRows EMPTY = new BlockRows(0, new long[0], new ChunkPoints[0], new BitSet[0]);

    final int size;
    final long[] times;
    final ChunkPoints[] values;
    final BitSet[] present;

    BlockRows(int size, long[] times, ChunkPoints[] values, BitSet[] present) {
        this.size = size;
        this.times = times;
        this.values = values;
        this.present = present;
    }

    /**
     * Reads a block's rows in {@code [start, end)} from each slot's chunk (null where a field has none), decoding
     * through the scan's buffers (null to allocate).
     */
    static BlockRows read(ScanFields fields, byte[][] chunks, long start, long end, ScanBuffers buffers) {
        return fields.filter() == null ? readAll(fields, chunks, start, end)
                : readSelected(fields, chunks, start, end, buffers == null ? new ScanBuffers() : buffers);
    }

    private static BlockRows readAll(ScanFields fields, byte[][] chunks, long start, long end) {
        int outputs = fields.outputs();
        ChunkPoints[] parts = new ChunkPoints[outputs];
        long[] times = new long[0];
        int size = 0;
        for (int o = 0; o < outputs; o++) {
            if (chunks[o] != null) {
                ChunkPoints p = AppendableChunkReader.decodeThrough(chunks[o], end - 1);
                int from = p.lowerBound(start);
                int to = p.lowerBound(end);
                parts[o] = p;
                long[] merged = new long[size + to - from];
                size = union(times, size, p.times, from, to, merged);
                times = merged;
            }
        }
        BlockRows rows = new BlockRows(size, times, new ChunkPoints[outputs], new BitSet[outputs]);
        for (int o = 0; o < outputs; o++) {
            ChunkPoints p = parts[o];
            if (p == null) {
                continue;
            }
            int from = p.lowerBound(start);
            if (p.lowerBound(end) - from == size) {
                rows.values[o] = p.slice(start, end);
            } else {
                rows.fill(fields.types().get(o), o, p, start);
            }
        }
        return rows;
    }

    private static BlockRows readSelected(ScanFields fields, byte[][] chunks, long start, long end,
            ScanBuffers buffers) {
        RowFilter filter = fields.filter();
        for (int k = 0; k < filter.size(); k++) {
            byte[] chunk = chunks[filter.slot(k)];
            if (chunk == null) {
                return EMPTY;
            }
            ChunkHeader h = ChunkCodec.header(chunk);
            if (!filter.mayMeet(k, h.min(), h.max())) {
                return EMPTY;
            }
        }
        ChunkPoints[] decoded = new ChunkPoints[fields.slots()];
        long[] selected = null;
        int n = 0;
        for (int k = 0; k < filter.size(); k++) {
            int slot = filter.slot(k);
            byte[] chunk = chunks[slot];
            ChunkPoints p = AppendableChunkReader.decodeThrough(chunk, selected == null ? end - 1 : selected[n - 1],
                    buffers.points(slot, fields.types().get(slot), ChunkCodec.count(chunk)));
            decoded[slot] = p;
            int j = p.lowerBound(start);
            if (selected == null) {
                selected = buffers.times(p.size - j);
                for (; j < p.size; j++) {
                    if (p.times[j] < end && filter.meets(k, p.doubleAt(j))) {
                        selected[n++] = p.times[j];
                    }
                }
            } else {
                int kept = 0;
                for (int i = 0; i < n; i++) {
                    long t = selected[i];
                    while (j < p.size && p.times[j] < t) {
                        j++;
                    }
                    if (j < p.size && p.times[j] == t && filter.meets(k, p.doubleAt(j))) {
                        selected[kept++] = t;
                    }
                }
                n = kept;
            }
            if (n == 0) {
                return EMPTY;
            }
        }
        int outputs = fields.outputs();
        BlockRows rows = new BlockRows(n, Arrays.copyOf(selected, n), new ChunkPoints[outputs], new BitSet[outputs]);
        long first = selected[0];
        long last = selected[n - 1];
        for (int o = 0; o < outputs; o++) {
            byte[] chunk = chunks[o];
            if (decoded[o] != null) {
                rows.fill(fields.types().get(o), o, decoded[o], first);
            } else if (chunk != null && ChunkCodec.minTime(chunk) <= last && ChunkCodec.maxTime(chunk) >= first) {
                if (ChunkAppender.isAppendable(chunk)) {
                    rows.decodeAt(o, chunk, buffers);
                } else {
                    rows.fill(fields.types().get(o), o, ChunkCodec.decode(chunk), first);
                }
            }
        }
        return rows;
    }

    /** Sets output {@code o} from an appendable chunk, decoding it only up to the last row. */
    private void decodeAt(int o, byte[] chunk, ScanBuffers buffers) {
        ChunkHeader h = ChunkCodec.header(chunk);
        ChunkPoints column = ChunkPoints.values(h.type(), size);
        long[] words = buffers.words(size);
        int found = AppendableChunkReader.decodeAt(chunk, h, times, size, column, words);
        if (found > 0) {
            values[o] = column;
            present[o] = found == size ? null : BitSet.valueOf(Arrays.copyOf(words, (size + 63) >>> 6));
        }
    }

    /**
     * Sets output {@code o} from the points at or after {@code from} whose times are among the rows: a merge, or
     * a binary search per row when the rows are few next to the points.
     */
    private void fill(FieldType type, int o, ChunkPoints p, long from) {
        int j = p.lowerBound(from);
        boolean sparse = size * 8 < p.size - j;
        for (int row = 0; row < size && j < p.size; row++) {
            long t = times[row];
            if (sparse) {
                int at = Arrays.binarySearch(p.times, j, p.size, t);
                if (at < 0) {
                    j = -at - 1;
                    continue;
                }
                j = at;
            } else {
                while (j < p.size && p.times[j] < t) {
                    j++;
                }
                if (j == p.size || p.times[j] != t) {
                    continue;
                }
            }
            set(type, o, row, p, j++);
        }
        if (present[o] != null && present[o].cardinality() == size) {
            present[o] = null;
        }
    }

    /** Merges sorted distinct times a[0, aSize) and b[from, to) into out; returns the count. */
    private static int union(long[] a, int aSize, long[] b, int from, int to, long[] out) {
        int i = 0;
        int j = from;
        int n = 0;
        while (i < aSize || j < to) {
            long next;
            if (j == to || (i < aSize && a[i] <= b[j])) {
                next = a[i++];
            } else {
                next = b[j++];
            }
            if (n == 0 || out[n - 1] != next) {
                out[n++] = next;
            }
        }
        return n;
    }

    /**
     * Returns, from blocks given latest first, the rows at the latest {@code n} times at which each output field
     * has a value (the union over the fields), as one block in ascending time.
     */
    static BlockRows latest(List<BlockRows> latestFirst, int n, ScanFields fields) {
        int outputs = fields.outputs();
        if (n >= 1 && latestFirst.size() == 1 && latestFirst.get(0).size == 1 && latestFirst.get(0).hasAnyValue(0)) {
            return latestFirst.get(0);
        }
        int[] left = new int[outputs];
        Arrays.fill(left, n);
        List<BitSet> chosen = new ArrayList<>(latestFirst.size());
        int total = 0;
        for (BlockRows b : latestFirst) {
            BitSet keep = new BitSet(b.size);
            for (int o = 0; o < outputs; o++) {
                for (int r = b.size - 1; b.values[o] != null && left[o] > 0 && r >= 0; r--) {
                    r = b.present[o] == null ? r : b.present[o].previousSetBit(r);
                    if (r < 0) {
                        break;
                    }
                    keep.set(r);
                    left[o]--;
                }
            }
            chosen.add(keep);
            total += keep.cardinality();
        }
        BlockRows out = new BlockRows(total, new long[total], new ChunkPoints[outputs], new BitSet[outputs]);
        int at = total;
        for (int i = 0; i < latestFirst.size(); i++) {
            BlockRows b = latestFirst.get(i);
            BitSet keep = chosen.get(i);
            for (int r = keep.previousSetBit(b.size - 1); r >= 0; r = keep.previousSetBit(r - 1)) {
                out.times[--at] = b.times[r];
                for (int o = 0; o < outputs; o++) {
                    if (b.has(o, r)) {
                        out.set(fields.types().get(o), o, at, b.values[o], r);
                    }
                }
            }
        }
        return out;
    }

    /** Returns how many rows of this block hold a value of output {@code o}. */
    int valuesOf(int o) {
        return values[o] == null ? 0 : present[o] == null ? size : present[o].cardinality();
    }

    private boolean hasAnyValue(int row) {
        for (int o = 0; o < values.length; o++) {
            if (has(o, row)) {
                return true;
            }
        }
        return false;
    }

    /** Returns whether output {@code o} has a value at a row. */
    boolean has(int o, int row) {
        return values[o] != null && (present[o] == null || present[o].get(row));
    }

    /** Returns the next row at or after {@code row} at which output {@code o} has a value, or -1. */
    int nextWithValue(int o, int row) {
        if (values[o] == null) {
            return -1;
        }
        return present[o] == null ? (row < size ? row : -1) : present[o].nextSetBit(row);
    }

    /** Sets the value of output {@code o} at a row from point {@code j} of {@code src}. */
    void set(FieldType type, int o, int row, ChunkPoints src, int j) {
        if (values[o] == null) {
            values[o] = ChunkPoints.values(type, size);
            present[o] = size == 1 ? null : new BitSet(size);
        }
        values[o].setValue(row, src, j);
        if (present[o] != null) {
            present[o].set(row);
        }
    }

    /** Returns rows {@code [0, n)} as a batch of a series. */
    SeriesBatch toBatch(Tags tags, ScanFields fields, int n) {
        List<FieldColumn> columns = new ArrayList<>(fields.outputs());
        for (int o = 0; o < fields.outputs(); o++) {
            FieldType type = fields.types().get(o);
            ChunkPoints v = values[o] == null ? ChunkPoints.values(type, n) : values[o];
            String name = fields.names().get(o);
            FieldColumn c = switch (type) {
                case FLOAT -> FieldColumn.ofDoubles(name, trim(v.doubles, n), n);
                case INTEGER -> FieldColumn.ofLongs(name, trim(v.longs, n), n);
                case BOOLEAN -> FieldColumn.ofBooleans(name, Arrays.copyOf(v.booleans, n), n);
                case STRING -> FieldColumn.ofStrings(name, Arrays.copyOf(v.strings, n), n);
            };
            if (values[o] == null) {
                columns.add(n == 0 ? c : c.withPresence(new BitSet()));
            } else if (present[o] == null) {
                columns.add(c);
            } else {
                BitSet bits = n == size ? present[o] : present[o].get(0, n);
                columns.add(bits.cardinality() == n ? c : c.withPresence(bits));
            }
        }
        return new SeriesBatch(tags, n, trim(times, n), columns);
    }

    private static long[] trim(long[] a, int n) {
        return a.length == n ? a : Arrays.copyOf(a, n);
    }

    private static double[] trim(double[] a, int n) {
        return a.length == n ? a : Arrays.copyOf(a, n);
    }
}
