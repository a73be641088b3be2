package io.cairn.store.clickhouse.internal;

import static io.cairn.store.clickhouse.internal.SqlText.identifier;
import static io.cairn.store.clickhouse.internal.SqlText.literalList;

import io.cairn.api.model.FieldType;
import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.TagPredicate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ClickHouse SQL of a scan: time range, tag predicates, projection and limit in the WHERE and
 * LIMIT clauses, field predicates and a raw scan's latest rows per series as {@link RowSelectionSql} conditions; an aggregation as GROUP BY tag columns, the bucket
 * {@code time - ((time % width) + width) % width} (floor division, for times before 1970 too) and
 * field, with count, sum, min, max and avg computed by the server (percentiles, integral and increase by
 * {@link AdvancedAggregateSql}). Reads use FINAL when rows may repeat in the
 * range ({@link RewriteMarks}), so rows that a replay or retry inserted twice count once. The SQL is null when
 * the scan can match nothing.
 */
final class ScanSql {
    private final ScanRequest request;
    private final Map<String, FieldType> fields;
    private final List<String> groupKeys = new ArrayList<>();
    private final String table;
    private final boolean hashedSeries;
    private final String sql;
    private String rawSelect;
    private String rawOrder;
    private String latestTimesSql;
    private String spanSql;

    /**
     * Builds the SQL of a scan.
     *
     * @param schema the measurement's table, or null when it has none
     * @param qualifiedTable the quoted table name
     * @param deduplicate whether rows may repeat in the scanned time range, so the read needs FINAL
     * @param hashedSeries whether a raw scan sorts and sends series by their hash rather than their key
     */
    ScanSql(ScanRequest request, MeasurementSchema schema, String qualifiedTable, boolean deduplicate,
            boolean hashedSeries) {
        this.request = request;
        this.table = schema == null ? null : schema.table();
        this.hashedSeries = hashedSeries;
        this.fields = schema == null ? Map.of() : fields(request, schema);
        this.sql = schema == null || fields.isEmpty() ? null
                : build(schema, qualifiedTable, deduplicate);
    }

    /** Returns the SQL to run, or null when nothing can match (no table, no field, an unknown tag key, or a
     * field predicate on a field without numeric values). */
    String sql() {
        return sql;
    }

    /**
     * Returns, for a raw scan of the latest rows per series, the query of each (series, field)'s latest times
     * ({@link RowSelectionSql#latestTimes}); else null.
     */
    String latestTimesSql() {
        return latestTimesSql;
    }

    /**
     * Returns, for a raw scan of the latest rows per series, the query of the count, first and last time of the
     * rows in the range (of any field or series); else null.
     */
    String spanSql() {
        return spanSql;
    }

    /**
     * Returns the raw scan of the rows at the given (series, time) pairs as literals, which reads only the
     * granules of those times; null when the literals would be longer than {@code maxChars} characters (then
     * {@link #sql()} computes the pairs in a subquery).
     */
    String rawAt(List<String[]> seriesTimes, int maxChars) {
        String at = RowSelectionSql.at(seriesTimes, maxChars);
        return at == null ? null : rawSelect + at + rawOrder;
    }

    /** Returns the scanned table (unquoted), or null when the measurement has none. */
    String table() {
        return table;
    }

    /** Returns whether a raw scan's rows carry series hashes (else series keys). */
    boolean hashedSeries() {
        return hashedSeries;
    }

    /** Returns the fields the scan returns, with their types, in output order. */
    Map<String, FieldType> fields() {
        return fields;
    }

    /** Returns the tag keys of an aggregation's groups that have columns, in the order of their output. */
    List<String> groupKeys() {
        return groupKeys;
    }

    private static Map<String, FieldType> fields(ScanRequest request, MeasurementSchema schema) {
        Map<String, FieldType> out = new LinkedHashMap<>();
        if (request.fields().isEmpty()) {
            out.putAll(new TreeMap<>(schema.fields()));
        }
        for (String field : request.fields()) {
            FieldType type = schema.fields().get(field);
            if (type != null) {
                out.put(field, type);
            }
        }
        return out;
    }

    private String build(MeasurementSchema schema, String plainTable, boolean deduplicate) {
        String qualifiedTable = plainTable + (deduplicate ? " FINAL" : "");
        StringBuilder keys = new StringBuilder("time >= ").append(request.startNanos())
                .append(" AND time < ").append(request.endNanos());
        for (TagPredicate p : request.predicates()) {
            if (!schema.hasTag(p.key())) {
                return null;
            }
            keys.append(" AND ").append(identifier(Names.tagColumn(p.key())))
                    .append(" IN ").append(literalList(new TreeSet<>(p.values())));
        }
        String meeting = RowSelectionSql.meeting(request.fieldPredicates(), schema.fields(), qualifiedTable,
                keys.toString(), deduplicate);
        if (meeting == null) {
            return null;
        }
        String ofFields = keys + " AND field IN " + literalList(fields.keySet());
        Aggregation aggregation = request.aggregation();
        if (aggregation == null) {
            String limit = request.limit() > 0
                    ? " LIMIT " + multiplyCapped(request.limit(), fields.size()) : "";
            String series = hashedSeries ? "cityHash64(series) AS h, ''" : "toUInt64(0) AS h, series";
            rawSelect = "SELECT 1, " + series + ", toUInt16(indexOf(" + literalArray(fields.keySet()) + ", field)) AS f,"
                    + " time, f64, i64, str FROM " + qualifiedTable + " WHERE " + ofFields;
            rawOrder = " ORDER BY " + (hashedSeries ? "h" : "series") + ", time, f" + limit + " FORMAT RowBinary";
            if (request.latestPerSeries() == 0) {
                return rawSelect + meeting + rawOrder;
            }
            spanSql = "SELECT count(), min(time), max(time) FROM " + plainTable + " WHERE time >= "
                    + request.startNanos() + " AND time < " + request.endNanos() + " FORMAT TabSeparated";
            latestTimesSql = RowSelectionSql.latestTimes(request.latestPerSeries(), qualifiedTable, ofFields + meeting);
            return rawSelect + RowSelectionSql.latest(request.latestPerSeries(), qualifiedTable, ofFields + meeting)
                    + rawOrder;
        }
        String where = " WHERE " + ofFields + meeting;
        StringBuilder groups = new StringBuilder();
        for (String key : aggregation.groupBy()) {
            if (schema.hasTag(key) && !groupKeys.contains(key)) {
                groupKeys.add(key);
                groups.append(identifier(Names.tagColumn(key))).append(", ");
            }
        }
        String from = qualifiedTable + where;
        if (aggregation.functions().stream().allMatch(AggregateFunction::isBasic)) {
            String value = "f64 + i64";
            return "SELECT " + groups + bucket(aggregation, "time") + " AS bucket, field, count(), sum(" + value
                    + "), min(" + value + "), max(" + value + "), avg(" + value + ") FROM " + from
                    + " GROUP BY " + groups + "bucket, field FORMAT TabSeparated";
        }
        return AdvancedAggregateSql.select(groups.toString(), bucket(aggregation, "t"), from);
    }

    /** Returns the start of the bucket of a time expression: floor division, for times before 1970 too. */
    private String bucket(Aggregation aggregation, String time) {
        long width = aggregation.bucketNanos();
        return width == 0 ? Long.toString(request.startNanos())
                : time + " - ((" + time + " % " + width + ") + " + width + ") % " + width;
    }

    private static String literalArray(java.util.Collection<String> values) {
        String list = literalList(values);
        return "[" + list.substring(1, list.length() - 1) + "]";
    }

    private static long multiplyCapped(long limit, int factor) {
        return limit > Long.MAX_VALUE / factor ? Long.MAX_VALUE : limit * factor;
    }
}
