package io.cairn.ingest.internal;

import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.ingest.internal.LineTokens.LineError;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses InfluxDB line protocol from request bytes, streamed in chunks, into one
 * {@link WriteBatch.Builder} per measurement. Each line is parsed whole, checked (names, limits,
 * field types against the store and earlier lines, series admission) and only then added, so a
 * rejected line leaves nothing behind; it is recorded with its 1-based number and reason.
 * Series keys and field names are decoded once and reused (across requests when the caches are shared).
 * Not thread safe.
 */
final class LineProtocolParser {
    private static final int CHUNK = 1 << 16;
    private static final int CACHE_ENTRIES = 100_000;

    /** A decoded and checked series key (measurement and tag set) of a line. */
    static final class SeriesKey {
        final String measurement;
        final Tags tags;
        /**
         * The mark of the last parser (so request) whose admission admitted the series, which need not ask again:
         * shared keys may be marked by several requests at once, and a lost mark only costs a repeated admission.
         * A bare object, so that a key kept in the cache does not keep a finished request's rows.
         */
        private Object admittedBy;

        SeriesKey(String measurement, Tags tags) {
            this.measurement = measurement;
            this.tags = tags;
        }
    }

    /** A decoded and checked field key with the label its errors use. */
    record FieldName(String name, String label) {
    }

    /**
     * The series keys and field keys decoded so far, which parsers with the same limits may share across
     * requests so that a tag set is decoded, checked and built once, and rows of a series share one {@link Tags}.
     */
    record DecodedNames(ByteRangeCache<SeriesKey> series, ByteRangeCache<FieldName> fields) {
        /** Returns empty caches of at most {@code maxEntries} entries each. */
        static DecodedNames bounded(int maxEntries) {
            return new DecodedNames(new ByteRangeCache<>(maxEntries), new ByteRangeCache<>(maxEntries));
        }
    }

    private final String database;
    private final long timeUnitNanos;
    private final long defaultTimeNanos;
    private final ValidationLimits limits;
    private final LineAdmission admission;
    private final Object admissionMark = new Object();
    private final LineTokens tokens = new LineTokens();
    private final SeriesKeyDecoder seriesKeys;
    private final ByteRangeCache<SeriesKey> seriesCache;
    private final ByteRangeCache<FieldName> fieldNames;
    private final RepeatedFieldKeys repeatedKeys = new RepeatedFieldKeys();
    private final Map<String, WriteBatch.Builder> builders = new LinkedHashMap<>();
    private final List<LineRejection> rejections = new ArrayList<>();
    private int accepted;
    private int lineNumber;

    private int fieldCount;
    private String[] names = new String[16];
    private String[] labels = new String[16];
    private FieldType[] types = new FieldType[16];
    private String checkedMeasurement;
    private int checkedCount;
    private String[] checkedNames = new String[16];
    private FieldType[] checkedTypes = new FieldType[16];
    private WriteBatch.ColumnBuilder[] checkedColumns = new WriteBatch.ColumnBuilder[16];
    private boolean checkedColumnsResolved;
    private int expectedLines = 1;
    private long[] longs = new long[16];
    private double[] doubles = new double[16];
    private String[] strings = new String[16];

    LineProtocolParser(String database, Precision precision, long defaultTimeNanos, ValidationLimits limits,
            LineAdmission admission) {
        this(database, precision, defaultTimeNanos, limits, admission, DecodedNames.bounded(CACHE_ENTRIES));
    }

    /** Creates a parser that reuses names decoded under the same limits (by this or other requests). */
    LineProtocolParser(String database, Precision precision, long defaultTimeNanos, ValidationLimits limits,
            LineAdmission admission, DecodedNames decoded) {
        this.seriesCache = decoded.series();
        this.fieldNames = decoded.fields();
        this.database = database;
        this.timeUnitNanos = precision.nanos();
        this.defaultTimeNanos = defaultTimeNanos;
        this.limits = limits;
        this.admission = admission;
        this.seriesKeys = new SeriesKeyDecoder(tokens, limits);
    }

    /** Returns the builders of the accepted lines, by measurement in order of first appearance. */
    Map<String, WriteBatch.Builder> builders() {
        return builders;
    }

    /** Returns the rejected lines in order. */
    List<LineRejection> rejections() {
        return rejections;
    }

    /** Returns the number of lines accepted. */
    int accepted() {
        return accepted;
    }

    /** Parses a whole body, reading it in chunks; only the stream's own failures are thrown. */
    void parse(InputStream in) throws IOException {
        byte[] buf = new byte[CHUNK];
        int len = 0;
        int scanned = 0;
        boolean first = true;
        for (int n; (n = in.read(buf, len, buf.length - len)) >= 0;) {
            len += n;
            if (first && len > 0) {
                expectedLines = LineCountEstimate.lines(buf, len, in.available());
                first = false;
            }
            int start = 0;
            for (int i = ByteSearch.newline(buf, scanned, len); i < len; i = ByteSearch.newline(buf, i + 1, len)) {
                line(buf, start, i);
                start = i + 1;
            }
            len -= start;
            System.arraycopy(buf, start, buf, 0, len);
            scanned = len;
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
        }
        if (len > 0) {
            line(buf, 0, len);
        }
    }

    /** Parses one line {@code [from, to)} without its newline. */
    void line(byte[] b, int from, int to) {
        lineNumber++;
        if (to > from && b[to - 1] == '\r') {
            to--;
        }
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        if (from == to || b[from] == '#') {
            return;
        }
        try {
            addLine(b, from, to);
            accepted++;
        } catch (LineError e) {
            rejections.add(new LineRejection(lineNumber, e.code, e.getMessage()));
        }
    }

    private void addLine(byte[] b, int from, int to) throws LineError {
        int seriesEnd = ByteSearch.unescapedSpace(b, from, to);
        if (seriesEnd >= to) {
            throw new LineError(LineRejection.INVALID_LINE, "missing fields");
        }
        SeriesKey series = seriesCache.get(b, from, seriesEnd - from);
        if (series == null) {
            series = seriesKeys.decode(b, from, seriesEnd);
            seriesCache.put(b, from, seriesEnd - from, series);
        }
        int pos = fields(b, seriesEnd + 1, to);
        long time = LineTokens.timestamp(b, pos, to, timeUnitNanos, defaultTimeNanos);
        WriteBatch.Builder builder = builders.get(series.measurement);
        checkTypes(series.measurement, builder);
        if (series.admittedBy != admissionMark) {
            ItemError refused = admission.admit(series.measurement, series.tags);
            if (refused != null) {
                throw new LineError(refused.code(), refused.message());
            }
            series.admittedBy = admissionMark;
        }
        if (builder == null) {
            builder = WriteBatch.builder(database, series.measurement,
                    builders.isEmpty() ? Math.max(1, expectedLines - lineNumber + 1) : 64);
            builders.put(series.measurement, builder);
        }
        int row = builder.addRow(series.tags, time);
        try {
            WriteBatch.ColumnBuilder[] columns = columns(builder);
            for (int i = 0; i < fieldCount; i++) {
                switch (types[i]) {
                    case FLOAT -> columns[i].setDouble(row, doubles[i]);
                    case INTEGER -> columns[i].setLong(row, longs[i]);
                    case BOOLEAN -> columns[i].setBoolean(row, longs[i] != 0);
                    case STRING -> columns[i].setString(row, strings[i]);
                }
            }
        } catch (RuntimeException e) {
            builder.truncate(row);
            throw new LineError(ItemError.FIELD_TYPE_CONFLICT, e.getMessage());
        }
    }

    /**
     * Returns the builder's columns of this line's fields, which are those of the last line whose types passed:
     * looked up once for each run of lines with the same measurement, field keys and types.
     */
    private WriteBatch.ColumnBuilder[] columns(WriteBatch.Builder builder) {
        if (!checkedColumnsResolved) {
            for (int i = 0; i < checkedCount; i++) {
                checkedColumns[i] = builder.column(checkedNames[i], checkedTypes[i]);
            }
            checkedColumnsResolved = true;
        }
        return checkedColumns;
    }

    /** Parses the field set from {@code from}; returns the position after it. */
    private int fields(byte[] b, int from, int to) throws LineError {
        fieldCount = 0;
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
                repeatedKeys.finish(k + 1, fieldCount == k + 1);
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
        for (int i = 0; i < fieldCount; i++) {
            if (names[i].equals(field.name())) {
                return i;
            }
        }
        return append(field);
    }

    /** Returns the index of a new slot for a field known not to repeat a key of this line. */
    private int append(FieldName field) {
        if (fieldCount == names.length) {
            int n = fieldCount * 2;
            names = Arrays.copyOf(names, n);
            labels = Arrays.copyOf(labels, n);
            types = Arrays.copyOf(types, n);
            longs = Arrays.copyOf(longs, n);
            doubles = Arrays.copyOf(doubles, n);
            strings = Arrays.copyOf(strings, n);
        }
        names[fieldCount] = field.name();
        labels[fieldCount] = field.label();
        return fieldCount++;
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
        int end = integerField(b, from, to, i);
        if (end >= 0) {
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
        int bool = LineTokens.bool(b, from, end);
        if (bool >= 0) {
            types[i] = FieldType.BOOLEAN;
            longs[i] = bool;
        } else if (last == 'i') {
            types[i] = FieldType.INTEGER;
            longs[i] = LineTokens.integer(b, from, end - 1, what);
        } else if (last == 'u') {
            types[i] = FieldType.INTEGER;
            longs[i] = LineTokens.unsigned(b, from, end - 1, what);
        } else {
            types[i] = FieldType.FLOAT;
            doubles[i] = LineTokens.floating(b, from, end, what);
        }
        return end;
    }

    /**
     * Takes the usual integer field value {@code -?digits{1,18}i} in one pass, returning the position after it;
     * returns -1 for anything else, which the general path then reads from {@code from}.
     */
    private int integerField(byte[] b, int from, int to, int i) {
        int pos = from < to && b[from] == '-' ? from + 1 : from;
        int digits = pos;
        int end = Math.min(to, pos + 18);
        long v = 0;
        for (int d; pos < end && (d = b[pos] - '0') >= 0 && d <= 9; pos++) {
            v = v * 10 + d;
        }
        if (pos == digits || pos >= to || b[pos] != 'i' || pos + 1 < to && b[pos + 1] != ',' && b[pos + 1] != ' ') {
            return -1;
        }
        types[i] = FieldType.INTEGER;
        longs[i] = b[from] == '-' ? -v : v;
        return pos + 1;
    }

    private void checkTypes(String measurement, WriteBatch.Builder builder) throws LineError {
        if (sameFieldsAsChecked(measurement)) {
            return;
        }
        for (int i = 0; i < fieldCount; i++) {
            FieldType earlier = builder == null ? null : builder.typeOf(names[i]);
            if (earlier != null && earlier != types[i]) {
                throw new LineError(ItemError.FIELD_TYPE_CONFLICT, "field '" + names[i] + "' of measurement '"
                        + measurement + "' is " + earlier + " in an earlier line of this request, not " + types[i]);
            }
            FieldType stored = admission.storedType(measurement, names[i]);
            if (stored != null && stored != types[i]) {
                throw new LineError(ItemError.FIELD_TYPE_CONFLICT, "field '" + names[i] + "' of measurement '"
                        + measurement + "' is stored as " + stored + ", not " + types[i]);
            }
        }
        checkedMeasurement = measurement;
        checkedCount = fieldCount;
        checkedColumnsResolved = false;
        if (checkedNames.length < fieldCount) {
            checkedNames = Arrays.copyOf(checkedNames, names.length);
            checkedTypes = Arrays.copyOf(checkedTypes, names.length);
            checkedColumns = new WriteBatch.ColumnBuilder[names.length];
        }
        System.arraycopy(names, 0, checkedNames, 0, fieldCount);
        System.arraycopy(types, 0, checkedTypes, 0, fieldCount);
    }

    /** Returns whether this line has the measurement, field names and types of the last line whose types passed. */
    private boolean sameFieldsAsChecked(String measurement) {
        if (!measurement.equals(checkedMeasurement) || fieldCount != checkedCount) {
            return false;
        }
        for (int i = 0; i < fieldCount; i++) {
            if (!names[i].equals(checkedNames[i]) || types[i] != checkedTypes[i]) {
                return false;
            }
        }
        return true;
    }
}
