package io.cairn.ingest.internal;

import io.cairn.api.model.FieldType;
import java.util.Arrays;
import java.util.BitSet;

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
    private final BitSet present = new BitSet();
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
        return present.cardinality() == size;
    }

    boolean has(int row) {
        return present.get(row);
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

    void addNil() {
        size++;
    }

    void addLong(long v) {
        if (accept(FieldType.INTEGER)) {
            longs = room(longs);
            longs[size] = v;
            present.set(size);
        }
        size++;
    }

    void addBoolean(boolean v) {
        if (accept(FieldType.BOOLEAN)) {
            longs = room(longs);
            longs[size] = v ? 1 : 0;
            present.set(size);
        }
        size++;
    }

    void addDouble(double v) {
        if (accept(FieldType.FLOAT)) {
            doubles = doubles == null ? new double[Math.max(initial, size + 1)]
                    : size < doubles.length ? doubles : Arrays.copyOf(doubles, Math.max(size + 1, doubles.length * 2));
            doubles[size] = v;
            present.set(size);
        }
        size++;
    }

    void addString(String v) {
        if (accept(FieldType.STRING)) {
            strings = strings == null ? new String[Math.max(initial, size + 1)]
                    : size < strings.length ? strings : Arrays.copyOf(strings, Math.max(size + 1, strings.length * 2));
            strings[size] = v;
            present.set(size);
        }
        size++;
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
