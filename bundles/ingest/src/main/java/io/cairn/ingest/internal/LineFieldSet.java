package io.cairn.ingest.internal;

import io.cairn.api.model.FieldType;
import io.cairn.api.model.WriteBatch;
import io.cairn.ingest.internal.LineTokens.LineError;
import java.util.Arrays;

/**
 * The field set of the line being parsed, read from the request bytes: its field keys in order (a repeated key keeps
 * its first place and takes its last value), each with the type and value of its value. Not thread safe.
 */
final class LineFieldSet {
    /** A decoded and checked field key with the label its errors use. */
    record FieldName(String name, String label) {
    }

    private final LineTokens tokens;
    private final ScalarTokens scalars;
    private final ValidationLimits limits;
    private final ByteRangeCache<FieldName> fieldNames;
    private final RepeatedFieldKeys repeatedKeys = new RepeatedFieldKeys();
    private int count;
    private String[] names = new String[16];
    private String[] labels = new String[16];
    private FieldType[] types = new FieldType[16];
    private long[] longs = new long[16];
    private double[] doubles = new double[16];
    private String[] strings = new String[16];

    /** Creates a field set that decodes field keys with {@code tokens}, taking those decoded before from the cache. */
    LineFieldSet(LineTokens tokens, ScalarTokens scalars, ValidationLimits limits,
            ByteRangeCache<FieldName> fieldNames) {
        this.tokens = tokens;
        this.scalars = scalars;
        this.limits = limits;
        this.fieldNames = fieldNames;
    }

    /** Returns the number of distinct field keys of the line. */
    int count() {
        return count;
    }

    /** Returns the {@code i}-th field key of the line. */
    String name(int i) {
        return names[i];
    }

    /** Returns the type of the {@code i}-th field's value. */
    FieldType type(int i) {
        return types[i];
    }

    /** Sets the line's values into {@code row} of the columns, the {@code i}-th field's into {@code columns[i]}. */
    void setValues(WriteBatch.ColumnBuilder[] columns, int row) {
        for (int i = 0; i < count; i++) {
            switch (types[i]) {
                case FLOAT -> columns[i].setDouble(row, doubles[i]);
                case INTEGER -> columns[i].setLong(row, longs[i]);
                case BOOLEAN -> columns[i].setBoolean(row, longs[i] != 0);
                case STRING -> columns[i].setString(row, strings[i]);
            }
        }
    }

    /** Parses the field set of a line from {@code from} (after its series key); returns the position after it. */
    int parse(byte[] b, int from, int to) throws LineError {
        count = 0;
        repeatedKeys.start();
        int pos = from;
        for (int k = 0;; k++) {
            FieldName repeated = repeatedKeys.match(k, b, pos, to);
            int eq;
            int i;
            if (repeated != null) {
                eq = pos + repeatedKeys.length(k);
                i = append(repeated);
            } else {
                eq = ByteSearch.keyEnd(b, pos, to);
                if (eq >= to || b[eq] != '=') {
                    throw new LineError(LineRejection.INVALID_LINE, pos >= to || b[pos] == ' '
                            ? "missing fields" : "field '" + LineTokens.show(b, pos, Math.min(eq, to)) + "' has no '='");
                }
                FieldName field = fieldName(b, pos, eq);
                repeatedKeys.record(k, b, pos, eq, field);
                i = slot(field);
            }
            pos = value(b, eq + 1, to, i);
            if (pos == to || b[pos] == ' ') {
                repeatedKeys.finish(k + 1, count == k + 1);
                return pos;
            }
            pos++;
        }
    }

    private FieldName fieldName(byte[] b, int from, int to) throws LineError {
        FieldName field = fieldNames.get(b, from, to - from);
        if (field == null) {
            String name = tokens.name(b, from, to, "field key");
            if (name.equals("time")) {
                throw new LineError(LineRejection.INVALID_NAME, "'time' cannot be a field key");
            }
            if (name.length() > limits.maxNameLength()) {
                throw new LineError(LineRejection.LIMIT_EXCEEDED, "field key is longer than " + limits.maxNameLength());
            }
            field = new FieldName(name, "field '" + name + "'");
            fieldNames.put(b, from, to - from, field);
        }
        return field;
    }

    /** Returns the index for a field of this line: a repeated field key reuses its slot (last value wins). */
    private int slot(FieldName field) {
        for (int i = 0; i < count; i++) {
            if (names[i].equals(field.name())) {
                return i;
            }
        }
        return append(field);
    }

    /** Returns the index of a new slot for a field known not to repeat a key of this line. */
    private int append(FieldName field) {
        if (count == names.length) {
            int n = count * 2;
            names = Arrays.copyOf(names, n);
            labels = Arrays.copyOf(labels, n);
            types = Arrays.copyOf(types, n);
            longs = Arrays.copyOf(longs, n);
            doubles = Arrays.copyOf(doubles, n);
            strings = Arrays.copyOf(strings, n);
        }
        names[count] = field.name();
        labels[count] = field.label();
        return count++;
    }

    private int value(byte[] b, int from, int to, int i) throws LineError {
        String what = labels[i];
        if (from < to && b[from] == '"') {
            int end = from + 1;
            while (end < to && b[end] != '"') {
                end += b[end] == '\\' ? 2 : 1;
            }
            if (end >= to) {
                throw new LineError(LineRejection.INVALID_LINE, what + " has an unterminated string");
            }
            types[i] = FieldType.STRING;
            strings[i] = tokens.quoted(b, from + 1, end, what);
            end++;
            if (end < to && b[end] != ',' && b[end] != ' ') {
                throw new LineError(LineRejection.INVALID_LINE, "unexpected text after the string of " + what);
            }
            return end;
        }
        int end = scalars.integerField(b, from, to);
        if (end >= 0) {
            types[i] = FieldType.INTEGER;
            longs[i] = scalars.lastInteger();
            return end;
        }
        end = from;
        while (end < to && b[end] != ',' && b[end] != ' ') {
            end++;
        }
        if (end == from) {
            throw new LineError(LineRejection.INVALID_LINE, what + " has no value");
        }
        byte last = b[end - 1];
        int bool = ScalarTokens.bool(b, from, end);
        if (bool >= 0) {
            types[i] = FieldType.BOOLEAN;
            longs[i] = bool;
        } else if (last == 'i') {
            types[i] = FieldType.INTEGER;
            longs[i] = scalars.integer(b, from, end - 1, what);
        } else if (last == 'u') {
            types[i] = FieldType.INTEGER;
            longs[i] = scalars.unsigned(b, from, end - 1, what);
        } else {
            types[i] = FieldType.FLOAT;
            doubles[i] = ScalarTokens.floating(b, from, end, what);
        }
        return end;
    }
}
