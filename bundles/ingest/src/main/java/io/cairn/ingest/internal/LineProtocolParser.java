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
 * Series keys ({@link SeriesKeyDecoder}) and field names ({@link LineFieldSet}) are decoded once and reused (across
 * requests when the caches are shared). Not thread safe.
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

    /**
     * The series keys and field keys decoded so far, which parsers with the same limits may share across
     * requests so that a tag set is decoded, checked and built once, and rows of a series share one {@link Tags}.
     */
    record DecodedNames(ByteRangeCache<SeriesKey> series, ByteRangeCache<LineFieldSet.FieldName> fields,
            RepeatedNames names) {
        /** Slots of the table of repeated names (tag values of series the series cache does not hold). */
        private static final int NAME_SLOTS = 16_384;

        /** Returns empty caches of at most {@code maxEntries} entries each. */
        static DecodedNames bounded(int maxEntries) {
            return new DecodedNames(new ByteRangeCache<>(maxEntries), new ByteRangeCache<>(maxEntries),
                    new RepeatedNames(NAME_SLOTS));
        }
    }

    private final String database;
    private final long timeUnitNanos;
    private final long defaultTimeNanos;
    private final LineAdmission admission;
    private final Object admissionMark = new Object();
    private final ScalarTokens scalars = new ScalarTokens();
    private final LineFieldSet fields;
    private final SeriesKeyDecoder seriesKeys;
    private final ByteRangeCache<SeriesKey> seriesCache;
    private final Map<String, WriteBatch.Builder> builders = new LinkedHashMap<>();
    private final List<LineRejection> rejections = new ArrayList<>();
    private int accepted;
    private int lineNumber;

    private String checkedMeasurement;
    private int checkedCount;
    private String[] checkedNames = new String[16];
    private FieldType[] checkedTypes = new FieldType[16];
    private WriteBatch.ColumnBuilder[] checkedColumns = new WriteBatch.ColumnBuilder[16];
    private boolean checkedColumnsResolved;
    private int expectedLines = 1;

    LineProtocolParser(String database, Precision precision, long defaultTimeNanos, ValidationLimits limits,
            LineAdmission admission) {
        this(database, precision, defaultTimeNanos, limits, admission, DecodedNames.bounded(CACHE_ENTRIES));
    }

    /** Creates a parser that reuses names decoded under the same limits (by this or other requests). */
    LineProtocolParser(String database, Precision precision, long defaultTimeNanos, ValidationLimits limits,
            LineAdmission admission, DecodedNames decoded) {
        this.seriesCache = decoded.series();
        this.database = database;
        this.timeUnitNanos = precision.nanos();
        this.defaultTimeNanos = defaultTimeNanos;
        this.admission = admission;
        LineTokens tokens = new LineTokens(decoded.names());
        this.seriesKeys = new SeriesKeyDecoder(tokens, limits);
        this.fields = new LineFieldSet(tokens, scalars, limits, decoded.fields());
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
        int pos = fields.parse(b, seriesEnd + 1, to);
        long time = scalars.timestamp(b, pos, to, timeUnitNanos, defaultTimeNanos);
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
            fields.setValues(columns(builder), row);
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

    private void checkTypes(String measurement, WriteBatch.Builder builder) throws LineError {
        if (sameFieldsAsChecked(measurement)) {
            return;
        }
        int count = fields.count();
        for (int i = 0; i < count; i++) {
            String name = fields.name(i);
            FieldType type = fields.type(i);
            FieldType earlier = builder == null ? null : builder.typeOf(name);
            if (earlier != null && earlier != type) {
                throw new LineError(ItemError.FIELD_TYPE_CONFLICT, "field '" + name + "' of measurement '"
                        + measurement + "' is " + earlier + " in an earlier line of this request, not " + type);
            }
            FieldType stored = admission.storedType(measurement, name);
            if (stored != null && stored != type) {
                throw new LineError(ItemError.FIELD_TYPE_CONFLICT, "field '" + name + "' of measurement '"
                        + measurement + "' is stored as " + stored + ", not " + type);
            }
        }
        checkedMeasurement = measurement;
        checkedCount = count;
        checkedColumnsResolved = false;
        if (checkedNames.length < count) {
            checkedNames = Arrays.copyOf(checkedNames, 2 * count);
            checkedTypes = Arrays.copyOf(checkedTypes, 2 * count);
            checkedColumns = new WriteBatch.ColumnBuilder[2 * count];
        }
        for (int i = 0; i < count; i++) {
            checkedNames[i] = fields.name(i);
            checkedTypes[i] = fields.type(i);
        }
    }

    /** Returns whether this line has the measurement, field names and types of the last line whose types passed. */
    private boolean sameFieldsAsChecked(String measurement) {
        if (!measurement.equals(checkedMeasurement) || fields.count() != checkedCount) {
            return false;
        }
        for (int i = 0; i < checkedCount; i++) {
            if (!fields.name(i).equals(checkedNames[i]) || fields.type(i) != checkedTypes[i]) {
                return false;
            }
        }
        return true;
    }
}
