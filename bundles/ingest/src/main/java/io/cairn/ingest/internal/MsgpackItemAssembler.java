package io.cairn.ingest.internal;

import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the {@link MsgpackItem}s of one MessagePack write and adds their rows to one
 * {@link WriteBatch.Builder} per measurement. Item-wide problems (names, column lengths, a field
 * type that clashes with the store or an earlier item) reject the whole item; row problems (tag
 * values, timestamps, series admission, a row with no field values) reject that row only. Not
 * thread safe.
 */
final class MsgpackItemAssembler {
    private final String database;
    private final long nowNanos;
    private final ValidationLimits limits;
    private final LineAdmission admission;
    private final TagSetInterner tagSets;
    private final BoundedMemo<TagValuesKey, Tags> columnTagSets;
    private final Map<String, WriteBatch.Builder> builders = new LinkedHashMap<>();
    private final List<MsgpackRejection> rejections = new ArrayList<>();
    private int accepted;

    /** A rejection found while checking an item. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final String code;

        Refusal(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    MsgpackItemAssembler(String database, long nowNanos, ValidationLimits limits, LineAdmission admission) {
        this(database, nowNanos, limits, admission, new TagSetInterner(100_000), new BoundedMemo<>(100_000));
    }

    /**
     * Creates an assembler whose tag sets are the instances other requests' assemblers share, found by a row's
     * tag column names and values in {@code columnTagSets} (filled under the same limits).
     */
    MsgpackItemAssembler(String database, long nowNanos, ValidationLimits limits, LineAdmission admission,
            TagSetInterner tagSets, BoundedMemo<TagValuesKey, Tags> columnTagSets) {
        this.tagSets = tagSets;
        this.columnTagSets = columnTagSets;
        this.database = database;
        this.nowNanos = nowNanos;
        this.limits = limits;
        this.admission = admission;
    }

    Map<String, WriteBatch.Builder> builders() {
        return builders;
    }

    List<MsgpackRejection> rejections() {
        return rejections;
    }

    /** Returns the number of rows accepted. */
    int accepted() {
        return accepted;
    }

    /** Checks an item and adds its acceptable rows. */
    void add(MsgpackItem item, int index) {
        try {
            if (item.problem != null) {
                throw new Refusal(item.problem.code(), item.problem.message());
            }
            if (item.measurement == null) {
                throw new Refusal(MsgpackRejection.INVALID_ITEM, "missing 'm' (the measurement)");
            }
            name(item.measurement, "measurement", limits.maxNameLength());
            long unit = unit(item.precision);
            if (item.columns != null && item.fields != null) {
                throw new Refusal(MsgpackRejection.INVALID_ITEM, "an item has 'columns' or 'fields', not both");
            }
            if (item.columns != null) {
                new MsgpackColumnarItem(this, item, unit).add(index);
            } else if (item.fields != null) {
                row(item, unit);
            } else {
                throw new Refusal(MsgpackRejection.INVALID_ITEM, "an item needs 'columns' or 'fields'");
            }
        } catch (Refusal r) {
            rejections.add(new MsgpackRejection(index, -1, r.code, r.getMessage()));
        }
    }

    private void row(MsgpackItem item, long unit) throws Refusal {
        if (item.tagNames != null) {
            throw new Refusal(MsgpackRejection.INVALID_ITEM, "'tags' of a row must be a map");
        }
        Map<String, String> tagMap = item.rowTags == null ? Map.of() : item.rowTags;
        String[] kv = new String[tagMap.size() * 2];
        int n = 0;
        for (Map.Entry<String, String> e : tagMap.entrySet()) {
            tagKey(e.getKey());
            tagValue(e.getKey(), e.getValue());
            kv[n++] = e.getKey();
            kv[n++] = e.getValue();
        }
        Tags tags = tags(kv, n);
        if (item.fields.isEmpty()) {
            throw new Refusal(LineRejection.INVALID_LINE, "the row has no field values");
        }
        for (Map.Entry<String, Object> f : item.fields.entrySet()) {
            fieldName(f.getKey());
            checkType(item.measurement, f.getKey(), typeOf(f.getValue()));
        }
        long time = time(item.time, unit);
        admit(item.measurement, tags);
        WriteBatch.Builder builder = builder(item.measurement);
        int row = builder.addRow(tags, time);
        try {
            for (Map.Entry<String, Object> f : item.fields.entrySet()) {
                Object v = f.getValue();
                if (v instanceof Long l) {
                    builder.setLong(row, f.getKey(), l);
                } else if (v instanceof Double d) {
                    builder.setDouble(row, f.getKey(), d);
                } else if (v instanceof Boolean b) {
                    builder.setBoolean(row, f.getKey(), b);
                } else {
                    builder.setString(row, f.getKey(), (String) v);
                }
            }
        } catch (RuntimeException e) {
            builder.truncate(row);
            throw new Refusal(ItemError.FIELD_TYPE_CONFLICT, e.getMessage());
        }
        accepted++;
    }

    private static FieldType typeOf(Object v) {
        if (v instanceof Long) {
            return FieldType.INTEGER;
        }
        if (v instanceof Double) {
            return FieldType.FLOAT;
        }
        return v instanceof Boolean ? FieldType.BOOLEAN : FieldType.STRING;
    }

    void rowRejected(int index, int row, String code, String message) {
        rejections.add(new MsgpackRejection(index, row, code, message));
    }

    void rowAccepted() {
        accepted++;
    }

    BoundedMemo<TagValuesKey, Tags> columnTagSets() {
        return columnTagSets;
    }

    WriteBatch.Builder builder(String measurement) {
        return builder(measurement, 64);
    }

    /** Returns the request's builder of a measurement, sized for {@code expectedRows} when it is new. */
    WriteBatch.Builder builder(String measurement, int expectedRows) {
        WriteBatch.Builder builder = builders.get(measurement);
        if (builder == null) {
            builder = WriteBatch.builder(database, measurement, expectedRows);
            builders.put(measurement, builder);
        }
        return builder;
    }

    /** Refuses a field whose type differs from an earlier item's or the stored one. */
    void checkType(String measurement, String field, FieldType type) throws Refusal {
        WriteBatch.Builder builder = builders.get(measurement);
        FieldType earlier = builder == null ? null : builder.typeOf(field);
        if (earlier != null && earlier != type) {
            throw new Refusal(ItemError.FIELD_TYPE_CONFLICT, "field '" + field + "' of measurement '" + measurement
                    + "' is " + earlier + " in an earlier item of this request, not " + type);
        }
        FieldType stored = admission.storedType(measurement, field);
        if (stored != null && stored != type) {
            throw new Refusal(ItemError.FIELD_TYPE_CONFLICT, "field '" + field + "' of measurement '" + measurement
                    + "' is stored as " + stored + ", not " + type);
        }
    }

    void admit(String measurement, Tags tags) throws Refusal {
        ItemError refused = admission.admit(measurement, tags);
        if (refused != null) {
            throw new Refusal(refused.code(), refused.message());
        }
    }

    /** Returns the tag set of {@code n} keys and values, checking the tag count. */
    Tags tags(String[] kv, int n) throws Refusal {
        Tags tags = Tags.of(n == kv.length ? kv : Arrays.copyOf(kv, n));
        if (tags.size() > limits.maxDimensions()) {
            throw new Refusal(LineRejection.LIMIT_EXCEEDED, "more than " + limits.maxDimensions() + " tags");
        }
        return tagSets.intern(tags);
    }

    void tagKey(String key) throws Refusal {
        name(key, "tag key", limits.maxDimensionKeyLength());
        if (key.equals("time")) {
            throw new Refusal(LineRejection.INVALID_NAME, "'time' cannot be a tag key");
        }
    }

    void tagValue(String key, String value) throws Refusal {
        if (!plain(value, limits.maxDimensionValueLength())) {
            name(value, "value of tag '" + key + "'", limits.maxDimensionValueLength());
        }
    }

    /** Returns whether a name is non-empty, short enough and free of control characters. */
    private static boolean plain(String name, int maxLength) {
        if (name.isEmpty() || name.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    void fieldName(String field) throws Refusal {
        name(field, "field key", limits.maxNameLength());
        if (field.equals("time")) {
            throw new Refusal(LineRejection.INVALID_NAME, "'time' cannot be a field key");
        }
    }

    private static void name(String name, String what, int maxLength) throws Refusal {
        if (name.isEmpty()) {
            throw new Refusal(LineRejection.INVALID_NAME, what + " is empty");
        }
        if (name.length() > maxLength) {
            throw new Refusal(LineRejection.LIMIT_EXCEEDED, what + " is longer than " + maxLength);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new Refusal(LineRejection.INVALID_NAME,
                        what + " contains the control character 0x" + Integer.toHexString(c));
            }
        }
    }

    /** Returns the nanoseconds per unit of an explicit precision, or 0 to tell it apart by magnitude. */
    private static long unit(String precision) throws Refusal {
        if (precision == null) {
            return 0;
        }
        return switch (precision) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            default -> throw new Refusal(LineRejection.INVALID_VALUE,
                    "precision must be ns, us, ms or s, not '" + precision + "'");
        };
    }

    /**
     * Returns a timestamp in nanoseconds: null means the server's time; with {@code unit} 0 the unit
     * is told apart by magnitude (below 1e11 seconds, below 1e14 milliseconds, below 1e17
     * microseconds, else nanoseconds).
     */
    long time(Long raw, long unit) throws Refusal {
        return raw == null ? nowNanos : time((long) raw, unit);
    }

    /** Returns a timestamp given in {@code unit} (0: told apart by magnitude) in nanoseconds. */
    long time(long t, long unit) throws Refusal {
        long u = unit != 0 ? unit : magnitudeUnit(t);
        try {
            return Math.multiplyExact(t, u);
        } catch (ArithmeticException e) {
            throw new Refusal(LineRejection.INVALID_TIMESTAMP, "timestamp " + t
                    + " is outside the range of 64-bit nanoseconds at this precision");
        }
    }

    static long magnitudeUnit(long t) {
        long a = t == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(t);
        if (a < 100_000_000_000L) {
            return 1_000_000_000L;
        }
        if (a < 100_000_000_000_000L) {
            return 1_000_000L;
        }
        if (a < 100_000_000_000_000_000L) {
            return 1_000L;
        }
        return 1L;
    }
}
