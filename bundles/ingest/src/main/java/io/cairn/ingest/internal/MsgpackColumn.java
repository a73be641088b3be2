package io.cairn.ingest.internal;

import io.cairn.api.model.FieldType;
import java.util.Arrays;

/**
 * One column of a columnar MessagePack item, held in a primitive array of its type with a bit per
 * row for the values present (nil leaves the bit clear). A column whose values mix types records
 * the clash and keeps no further values. Not thread safe.
 */
final class MsgpackColumn {
    private static final int INITIAL = 256;
    /** The most values allocated up front for a column on the word of its array header. */
    private static final int MAX_INITIAL = 1 << 16;

    private final String name;
    private long[] present = new long[4];
    private int presentCount;
    private FieldType type;
    private String clash;
    private int size;
    private long[] longs;
    private double[] doubles;
    private String[] strings;

    private final int initial;

    MsgpackColumn(String name) {
        this(name, INITIAL);
    }

    /** Creates a column that expects {@code expected} values (from its array header, so only trusted up to a bound). */
    MsgpackColumn(String name, int expected) {
        this.name = name;
        this.initial = Math.max(INITIAL, Math.min(expected, MAX_INITIAL));
    }

    String name() {
        return name;
    }

    /** Returns the type of the values, or null while every value is nil. */
    FieldType type() {
        return type;
    }

    /** Returns why the values cannot form one column, or null. */
    String clash() {
        return clash;
    }

    int size() {
        return size;
    }

    /** Returns whether every row holds a value (no nil). */
    boolean isDense() {
        return presentCount == size;
    }

    boolean has(int row) {
        int word = row >>> 6;
        return word < present.length && (present[word] & 1L << row) != 0;
    }

    long longAt(int row) {
        return longs[row];
    }

    double doubleAt(int row) {
        return doubles[row];
    }

    /** Returns a BOOLEAN value (held as 0 or 1). */
    boolean booleanAt(int row) {
        return longs[row] != 0;
    }

    String stringAt(int row) {
        return strings[row];
    }

    /**
     * Returns the INTEGER array with room for {@code n} more values from index {@link #size()}, for a caller that
     * fills them and then calls {@link #appended}; null when the column cannot take integers.
     */
    long[] longRoom(int n) {
        if (!accept(FieldType.INTEGER)) {
            return null;
        }
        if (longs == null || longs.length - size < n) {
            longs = Arrays.copyOf(longs == null ? new long[0] : longs, Math.max(initial, Math.max(size + n,
                    longs == null ? 0 : longs.length * 2)));
        }
        return longs;
    }

    /** Returns the FLOAT array with room for {@code n} more values, as {@link #longRoom} does. */
    double[] doubleRoom(int n) {
        if (!accept(FieldType.FLOAT)) {
            return null;
        }
        if (doubles == null || doubles.length - size < n) {
            doubles = Arrays.copyOf(doubles == null ? new double[0] : doubles, Math.max(initial, Math.max(size + n,
                    doubles == null ? 0 : doubles.length * 2)));
        }
        return doubles;
    }

    /** Takes {@code n} values a caller put into the array of {@link #longRoom} or {@link #doubleRoom}. */
    void appended(int n) {
        int end = size + n;
        int lastWord = (end - 1) >>> 6;
        if (n > 0 && lastWord >= present.length) {
            present = Arrays.copyOf(present, Math.max(lastWord + 1, present.length * 2));
        }
        for (int row = size; row < end;) {
            int word = row >>> 6;
            int upTo = Math.min(end, (word + 1) << 6);
            present[word] |= (-1L >>> (64 - (upTo - row))) << row;
            row = upTo;
        }
        presentCount += n;
        size = end;
    }

    void addNil() {
        size++;
    }

    void addLong(long v) {
        if (accept(FieldType.INTEGER)) {
            longs = room(longs);
            longs[size] = v;
            markPresent();
        }
        size++;
    }

    void addBoolean(boolean v) {
        if (accept(FieldType.BOOLEAN)) {
            longs = room(longs);
            longs[size] = v ? 1 : 0;
            markPresent();
        }
        size++;
    }

    void addDouble(double v) {
        if (accept(FieldType.FLOAT)) {
            doubles = doubles == null ? new double[Math.max(initial, size + 1)]
                    : size < doubles.length ? doubles : Arrays.copyOf(doubles, Math.max(size + 1, doubles.length * 2));
            doubles[size] = v;
            markPresent();
        }
        size++;
    }

    void addString(String v) {
        if (accept(FieldType.STRING)) {
            strings = strings == null ? new String[Math.max(initial, size + 1)]
                    : size < strings.length ? strings : Arrays.copyOf(strings, Math.max(size + 1, strings.length * 2));
            strings[size] = v;
            markPresent();
        }
        size++;
    }

    private void markPresent() {
        int word = size >>> 6;
        if (word >= present.length) {
            present = Arrays.copyOf(present, Math.max(word + 1, present.length * 2));
        }
        present[word] |= 1L << size;
        presentCount++;
    }

    private boolean accept(FieldType t) {
        if (clash != null) {
            return false;
        }
        if (type == null) {
            type = t;
            return true;
        }
        if (type != t) {
            clash = "column '" + name + "' mixes " + type + " and " + t + " values (row " + size + ")";
            return false;
        }
        return true;
    }

    private long[] room(long[] a) {
        if (a == null) {
            return new long[Math.max(initial, size + 1)];
        }
        return size < a.length ? a : Arrays.copyOf(a, Math.max(size + 1, a.length * 2));
    }
}
