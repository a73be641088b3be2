package io.cairn.api.model;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The values of one field for the rows of a batch, stored in the primitive array of its type.
 * A row may have no value for the field ({@link #isPresent(int)} is false); its slot then holds
 * 0, false or null. Instances are immutable once built and safe to share between threads.
 */
public final class FieldColumn {
    private final String name;
    private final FieldType type;
    private final int size;
    private final double[] doubles;
    private final long[] longs;
    private final boolean[] booleans;
    private final String[] strings;
    private final BitSet present;

    private FieldColumn(String name, FieldType type, int size, double[] doubles, long[] longs,
            boolean[] booleans, String[] strings, BitSet present) {
        this.name = name;
        this.type = type;
        this.size = size;
        this.doubles = doubles;
        this.longs = longs;
        this.booleans = booleans;
        this.strings = strings;
        this.present = present;
    }

    /** Returns a column of float values, all present. The array is taken, not copied. */
    public static FieldColumn ofDoubles(String name, double[] values, int size) {
        return new FieldColumn(name, FieldType.FLOAT, size, values, null, null, null, null);
    }

    /** Returns a column of integer values, all present. The array is taken, not copied. */
    public static FieldColumn ofLongs(String name, long[] values, int size) {
        return new FieldColumn(name, FieldType.INTEGER, size, null, values, null, null, null);
    }

    /** Returns a column of boolean values, all present. The array is taken, not copied. */
    public static FieldColumn ofBooleans(String name, boolean[] values, int size) {
        return new FieldColumn(name, FieldType.BOOLEAN, size, null, null, values, null, null);
    }

    /** Returns a column of string values, all present. The array is taken, not copied. */
    public static FieldColumn ofStrings(String name, String[] values, int size) {
        return new FieldColumn(name, FieldType.STRING, size, null, null, null, values, null);
    }

    /**
     * Returns this column with only the rows whose bits are set in {@code present} holding
     * values. The set is taken, not copied.
     */
    public FieldColumn withPresence(BitSet present) {
        return new FieldColumn(name, type, size, doubles, longs, booleans, strings, present);
    }

    /** Returns the field's name. */
    public String name() {
        return name;
    }

    /** Returns the field's type, which decides the accessor to use. */
    public FieldType type() {
        return type;
    }

    /** Returns the number of rows. */
    public int size() {
        return size;
    }

    /** Returns whether the row has a value for this field. */
    public boolean isPresent(int row) {
        return present == null || present.get(row);
    }

    /** Returns whether every row has a value. */
    public boolean isDense() {
        return present == null || present.cardinality() == size;
    }

    /** Returns a FLOAT value, or an INTEGER value widened to double. */
    public double doubleAt(int row) {
        return type == FieldType.INTEGER ? longs[row] : doubles[row];
    }

    /** Returns an INTEGER value. */
    public long longAt(int row) {
        return longs[row];
    }

    /** Returns a BOOLEAN value. */
    public boolean booleanAt(int row) {
        return booleans[row];
    }

    /** Returns a STRING value. */
    public String stringAt(int row) {
        return strings[row];
    }

    /** Returns the value of a row as an object (Double, Long, Boolean or String), null if absent. */
    public Object valueAt(int row) {
        if (!isPresent(row)) {
            return null;
        }
        return switch (type) {
            case FLOAT -> doubles[row];
            case INTEGER -> longs[row];
            case BOOLEAN -> booleans[row];
            case STRING -> strings[row];
        };
    }

    @Override
    public String toString() {
        Object[] shown = new Object[Math.min(size, 8)];
        Arrays.setAll(shown, this::valueAt);
        return name + ":" + type + Arrays.toString(shown) + (size > 8 ? "…" : "");
    }
}
