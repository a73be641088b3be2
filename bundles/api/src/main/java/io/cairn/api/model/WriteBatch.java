package io.cairn.api.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of one measurement of one database, held column by column: a time per row, the series
 * (tag set) of each row as an index into {@link #series()}, and one {@link FieldColumn} per field.
 * Built with {@link #builder(String, String)}; immutable once built and safe to share.
 */
public final class WriteBatch {
    private final String database;
    private final String measurement;
    private final int size;
    private final long[] times;
    private final int[] seriesOfRow;
    private final List<Tags> series;
    private final List<FieldColumn> fields;

    private WriteBatch(String database, String measurement, int size, long[] times, int[] seriesOfRow,
            List<Tags> series, List<FieldColumn> fields) {
        this.database = database;
        this.measurement = measurement;
        this.size = size;
        this.times = times;
        this.seriesOfRow = seriesOfRow;
        this.series = series;
        this.fields = fields;
    }

    /** Starts a batch for a measurement of a database. */
    public static Builder builder(String database, String measurement) {
        return new Builder(database, measurement, 64);
    }

    /** Starts a batch expected to hold about {@code expectedRows} rows, so its arrays are sized once. */
    public static Builder builder(String database, String measurement, int expectedRows) {
        return new Builder(database, measurement, Math.max(1, expectedRows));
    }

    /** Returns the database (namespace) the rows belong to. */
    public String database() {
        return database;
    }

    /** Returns the measurement (table) the rows belong to. */
    public String measurement() {
        return measurement;
    }

    /** Returns the number of rows. */
    public int size() {
        return size;
    }

    /** Returns the time of a row in nanoseconds since the epoch, UTC. */
    public long time(int row) {
        return times[row];
    }

    /** Returns the index into {@link #series()} of a row's tag set. */
    public int seriesIndex(int row) {
        return seriesOfRow[row];
    }

    /** Returns the tag set of a row. */
    public Tags tags(int row) {
        return series.get(seriesOfRow[row]);
    }

    /** Returns the distinct tag sets of the batch, in order of first appearance. */
    public List<Tags> series() {
        return series;
    }

    /** Returns one column per field, in order of first appearance. */
    public List<FieldColumn> fields() {
        return fields;
    }

    /** Collects rows; not thread safe. */
    public static final class Builder {
        private final String database;
        private final String measurement;
        private final Map<Tags, Integer> seriesIds = new HashMap<>();
        private final List<Tags> series = new ArrayList<>();
        private final Map<String, ColumnBuilder> columns = new LinkedHashMap<>();
        private final int expectedRows;
        private long[] times;
        private int[] seriesOfRow;
        private int size;

        private Builder(String database, String measurement, int expectedRows) {
            this.database = database;
            this.measurement = measurement;
            this.expectedRows = expectedRows;
            this.times = new long[expectedRows];
            this.seriesOfRow = new int[expectedRows];
        }

        /** Returns the number of rows added so far. */
        public int size() {
            return size;
        }

        /** Returns the type already used for a field in this batch, or null. */
        public FieldType typeOf(String field) {
            ColumnBuilder c = columns.get(field);
            return c == null ? null : c.type;
        }

        /**
         * Adds a row without field values and returns its index, to which the set methods then
         * add values.
         */
        public int addRow(Tags tags, long timeNanos) {
            if (size == times.length) {
                times = Arrays.copyOf(times, Math.max(64, size * 2));
                seriesOfRow = Arrays.copyOf(seriesOfRow, times.length);
            }
            Integer id = seriesIds.get(tags);
            if (id == null) {
                id = series.size();
                seriesIds.put(tags, id);
                series.add(tags);
            }
            times[size] = timeNanos;
            seriesOfRow[size] = id;
            return size++;
        }

        /**
         * Removes the rows from {@code row} on, with their values: a rejected item leaves
         * nothing behind.
         */
        public void truncate(int row) {
            for (int r = row; r < size; r++) {
                for (ColumnBuilder c : columns.values()) {
                    c.present.clear(r);
                }
            }
            size = Math.min(size, row);
        }

        /** Sets a FLOAT field of a row. */
        public void setDouble(int row, String field, double value) {
            column(field, FieldType.FLOAT).setDouble(row, value);
        }

        /** Sets an INTEGER field of a row. */
        public void setLong(int row, String field, long value) {
            column(field, FieldType.INTEGER).setLong(row, value);
        }

        /** Sets a BOOLEAN field of a row. */
        public void setBoolean(int row, String field, boolean value) {
            column(field, FieldType.BOOLEAN).setBoolean(row, value);
        }

        /** Sets a STRING field of a row. */
        public void setString(int row, String field, String value) {
            column(field, FieldType.STRING).setString(row, value);
        }

        /**
         * Returns the column of a field, created with the given type if new, to set many values of it
         * without looking the field up for each.
         *
         * @throws IllegalArgumentException if the field has another type in this batch
         */
        public ColumnBuilder column(String field, FieldType type) {
            ColumnBuilder c = columns.get(field);
            if (c == null) {
                c = new ColumnBuilder(field, type, expectedRows);
                columns.put(field, c);
            } else if (c.type != type) {
                throw new IllegalArgumentException(
                        "field " + field + " is " + c.type + " in this batch, not " + type);
            }
            return c;
        }

        /** Returns the batch of the rows added; the builder must not be used afterwards. */
        public WriteBatch build() {
            List<FieldColumn> fields = new ArrayList<>(columns.size());
            for (ColumnBuilder c : columns.values()) {
                fields.add(c.build(size));
            }
            return new WriteBatch(database, measurement, size, times, seriesOfRow,
                    Collections.unmodifiableList(series), Collections.unmodifiableList(fields));
        }
    }

    /** The values of one field of a {@link Builder}; the set methods take the row from {@link Builder#addRow}. */
    public static final class ColumnBuilder {
        private final String name;
        private final FieldType type;
        private final int expectedRows;
        private final BitSet present = new BitSet();
        private double[] doubles;
        private long[] longs;
        private boolean[] booleans;
        private String[] strings;

        private ColumnBuilder(String name, FieldType type, int expectedRows) {
            this.name = name;
            this.type = type;
            this.expectedRows = expectedRows;
        }

        /** Returns the field's type. */
        public FieldType type() {
            return type;
        }

        /** Sets the value of a row; the column must be of the matching type. */
        public void setDouble(int row, double v) {
            if (doubles == null || row >= doubles.length) {
                doubles = Arrays.copyOf(doubles == null ? new double[0] : doubles, capacity(row));
            }
            doubles[row] = v;
            present.set(row);
        }

        /** Sets the value of a row; the column must be of the matching type. */
        public void setLong(int row, long v) {
            if (longs == null || row >= longs.length) {
                longs = Arrays.copyOf(longs == null ? new long[0] : longs, capacity(row));
            }
            longs[row] = v;
            present.set(row);
        }

        /** Sets the value of a row; the column must be of the matching type. */
        public void setBoolean(int row, boolean v) {
            if (booleans == null || row >= booleans.length) {
                booleans = Arrays.copyOf(booleans == null ? new boolean[0] : booleans, capacity(row));
            }
            booleans[row] = v;
            present.set(row);
        }

        /** Sets the value of a row; the column must be of the matching type. */
        public void setString(int row, String v) {
            if (strings == null || row >= strings.length) {
                strings = Arrays.copyOf(strings == null ? new String[0] : strings, capacity(row));
            }
            strings[row] = v;
            present.set(row);
        }

        private int capacity(int row) {
            return Math.max(Math.max(64, expectedRows), Integer.highestOneBit(row) * 2);
        }

        FieldColumn build(int size) {
            FieldColumn column = switch (type) {
                case FLOAT -> FieldColumn.ofDoubles(name, doubles == null ? new double[size] : trimmed(doubles, size), size);
                case INTEGER -> FieldColumn.ofLongs(name, longs == null ? new long[size] : trimmed(longs, size), size);
                case BOOLEAN -> FieldColumn.ofBooleans(name, booleans == null ? new boolean[size] : Arrays.copyOf(booleans, size), size);
                case STRING -> FieldColumn.ofStrings(name, strings == null ? new String[size] : Arrays.copyOf(strings, size), size);
            };
            if (present.nextClearBit(0) >= size) {
                return column;
            }
            return column.withPresence(present.get(0, size));
        }

        private static double[] trimmed(double[] values, int size) {
            return values.length == size ? values : Arrays.copyOf(values, size);
        }

        private static long[] trimmed(long[] values, int size) {
            return values.length == size ? values : Arrays.copyOf(values, size);
        }
    }
}
