package io.cairn.store.lmdb.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.FieldType;
import java.util.Arrays;

/** The decoded points of one chunk (one series, one field, one time block), sorted by time. */
final class ChunkPoints {
    final FieldType type;
    final int size;
    final long[] times;
    final double[] doubles;
    final long[] longs;
    final boolean[] booleans;
    final String[] strings;

    private ChunkPoints(FieldType type, int size, long[] times, double[] doubles, long[] longs,
            boolean[] booleans, String[] strings) {
        this.type = type;
        this.size = size;
        this.times = times;
        this.doubles = doubles;
        this.longs = longs;
        this.booleans = booleans;
        this.strings = strings;
    }

    /** Returns points of a type with room for {@code capacity} values, to be filled with {@link #set}. */
    static ChunkPoints allocate(FieldType type, int capacity) {
        return new ChunkPoints(type, capacity, new long[capacity],
                type == FieldType.FLOAT ? new double[capacity] : null,
                type == FieldType.INTEGER ? new long[capacity] : null,
                type == FieldType.BOOLEAN ? new boolean[capacity] : null,
                type == FieldType.STRING ? new String[capacity] : null);
    }

    /** Returns values of a type without times, room for {@code capacity}, to be filled with {@link #setValue}. */
    static ChunkPoints values(FieldType type, int capacity) {
        return new ChunkPoints(type, capacity, null,
                type == FieldType.FLOAT ? new double[capacity] : null,
                type == FieldType.INTEGER ? new long[capacity] : null,
                type == FieldType.BOOLEAN ? new boolean[capacity] : null,
                type == FieldType.STRING ? new String[capacity] : null);
    }

    /**
     * Returns the points of rows of a column with their times, rows sorted by time; of rows with
     * equal times the last one wins.
     */
    static ChunkPoints ofRows(FieldColumn column, long[] rowTimes, int[] rows, int from, int to) {
        ChunkPoints out = allocate(column.type(), to - from);
        int n = 0;
        for (int i = from; i < to; i++) {
            int row = rows[i];
            long time = rowTimes[row];
            if (n > 0 && out.times[n - 1] == time) {
                n--;
            }
            out.times[n++] = time;
            if (out.type == FieldType.INTEGER) {
                out.longs[n - 1] = column.longAt(row);
            } else if (out.type == FieldType.FLOAT) {
                out.doubles[n - 1] = column.doubleAt(row);
            } else if (out.type == FieldType.BOOLEAN) {
                out.booleans[n - 1] = column.booleanAt(row);
            } else {
                out.strings[n - 1] = column.stringAt(row);
            }
        }
        return out.truncate(n);
    }

    /** Merges newer points into these; where times are equal the newer value replaces the older. */
    ChunkPoints merge(ChunkPoints newer) {
        if (newer.type != type) {
            throw new IllegalStateException("cannot merge " + newer.type + " into " + type);
        }
        ChunkPoints out = allocate(type, size + newer.size);
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < size || j < newer.size) {
            if (j == newer.size || (i < size && times[i] < newer.times[j])) {
                out.set(k++, this, i++);
            } else {
                if (i < size && times[i] == newer.times[j]) {
                    i++;
                }
                out.set(k++, newer, j++);
            }
        }
        return out.truncate(k);
    }

    /** Copies point {@code from} of {@code src} to position {@code to}. */
    void set(int to, ChunkPoints src, int from) {
        times[to] = src.times[from];
        setValue(to, src, from);
    }

    /** Copies the value of point {@code from} of {@code src} to position {@code to}, not its time. */
    void setValue(int to, ChunkPoints src, int from) {
        switch (type) {
            case FLOAT -> doubles[to] = src.doubles[from];
            case INTEGER -> longs[to] = src.longs[from];
            case BOOLEAN -> booleans[to] = src.booleans[from];
            case STRING -> strings[to] = src.strings[from];
        }
    }

    /** Returns the points with times in [start, end). */
    ChunkPoints slice(long start, long end) {
        int from = lowerBound(start);
        int to = lowerBound(end);
        if (from == 0) {
            return head(to);
        }
        return new ChunkPoints(type, to - from, Arrays.copyOfRange(times, from, to),
                doubles == null ? null : Arrays.copyOfRange(doubles, from, to),
                longs == null ? null : Arrays.copyOfRange(longs, from, to),
                booleans == null ? null : Arrays.copyOfRange(booleans, from, to),
                strings == null ? null : Arrays.copyOfRange(strings, from, to));
    }

    /** Returns the first index whose time is at least {@code time}. */
    int lowerBound(long time) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Returns a numeric value as a double. */
    double doubleAt(int i) {
        return type == FieldType.INTEGER ? longs[i] : doubles[i];
    }

    /** Returns the first {@code n} points, sharing this one's arrays (which nobody changes afterwards). */
    ChunkPoints head(int n) {
        return n == size ? this : new ChunkPoints(type, n, times, doubles, longs, booleans, strings);
    }

    ChunkPoints truncate(int n) {
        if (n == size) {
            return this;
        }
        return new ChunkPoints(type, n, Arrays.copyOf(times, n),
                doubles == null ? null : Arrays.copyOf(doubles, n),
                longs == null ? null : Arrays.copyOf(longs, n),
                booleans == null ? null : Arrays.copyOf(booleans, n),
                strings == null ? null : Arrays.copyOf(strings, n));
    }
}
