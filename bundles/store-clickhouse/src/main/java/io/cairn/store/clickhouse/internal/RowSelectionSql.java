package io.cairn.store.clickhouse.internal;

import static io.cairn.store.clickhouse.internal.SqlText.literal;

import io.cairn.api.model.FieldType;
import io.cairn.api.store.FieldPredicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The conditions that pick whole rows (one series at one time) of a scan out of the narrow table, as
 * {@code (series, time) IN (subquery)} over the same table and time range: the rows whose fields meet the
 * field predicates (one subquery per predicate field, so several fields intersect) and the rows at each
 * series' latest times per field. Under FINAL a value is compared only after the merge (in an outer query),
 * so a replaced value can never select a row.
 */
final class RowSelectionSql {
    /** The most characters of (series, time) literals in one statement (18.16's max_query_size is 256 KiB). */
    static final int MAX_LITERALS = 200_000;

    private RowSelectionSql() {
    }

    /**
     * Returns the conditions of the field predicates, each starting with " AND ", empty without predicates, or
     * null when no row can meet them (a predicate names a field that has no numeric values).
     *
     * @param known the measurement's fields and types
     * @param table the quoted table, followed by " FINAL" when {@code deduplicate}
     * @param keyWhere the time range and tag conditions, without "WHERE"
     * @param deduplicate whether the read uses FINAL
     */
    static String meeting(List<FieldPredicate> predicates, Map<String, FieldType> known, String table,
            String keyWhere, boolean deduplicate) {
        Map<String, List<FieldPredicate>> byField = new TreeMap<>();
        for (FieldPredicate p : predicates) {
            FieldType type = known.get(p.field());
            if (type == null || !type.isNumeric()) {
                return null;
            }
            byField.computeIfAbsent(p.field(), f -> new ArrayList<>()).add(p);
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<FieldPredicate>> field : byField.entrySet()) {
            String ofField = keyWhere + " AND field = " + literal(field.getKey());
            String tests = comparisons(deduplicate ? "v" : "f64 + i64", field.getValue());
            out.append(" AND (series, time) IN (SELECT series, time FROM ").append(deduplicate
                    ? "(SELECT series, time, f64 + i64 AS v FROM " + table + " WHERE " + ofField + ") WHERE " + tests
                    : table + " WHERE " + ofField + " AND " + tests).append(')');
        }
        return out.toString();
    }

    /**
     * Returns the condition " AND (series, time) IN (…)" that keeps, per series, the rows at the latest
     * {@code n} times at which each field has a row meeting {@code where}.
     *
     * @param where the scan's conditions (range, tags, fields, field predicates), without "WHERE"
     */
    static String latest(int n, String table, String where) {
        return " AND (series, time) IN (SELECT series, " + latestTimesOf(n) + " FROM " + table + " WHERE " + where
                + " GROUP BY series, field)";
    }

    /**
     * Returns the query of each (series, field)'s latest {@code n} times among the rows meeting {@code where}:
     * rows of series, field, the field's number of such rows, and one time, as TabSeparated.
     */
    static String latestTimes(int n, String table, String where) {
        return "SELECT series, field, count(), " + latestTimesOf(n) + " FROM " + table + " WHERE " + where
                + " GROUP BY series, field FORMAT TabSeparated";
    }

    /**
     * Returns the condition that keeps the rows at the given (series key, time) pairs, with the times also
     * listed alone so that the server reads only their granules; null when it would be longer than
     * {@code maxChars} characters (a statement must stay under the server's max_query_size).
     */
    static String at(List<String[]> seriesTimes, int maxChars) {
        StringBuilder pairs = new StringBuilder();
        Set<Long> times = new TreeSet<>();
        for (String[] row : seriesTimes) {
            long time = Long.parseLong(row[1]);
            times.add(time);
            pairs.append(pairs.length() == 0 ? "" : ", ").append('(').append(literal(row[0])).append(", ")
                    .append(time).append(')');
            if (pairs.length() > maxChars) {
                return null;
            }
        }
        StringBuilder timeList = new StringBuilder();
        for (long time : times) {
            timeList.append(timeList.length() == 0 ? "" : ", ").append(time);
        }
        String out = " AND time IN (" + timeList + ") AND (series, time) IN (" + pairs + ")";
        return out.length() > maxChars ? null : out;
    }

    private static String latestTimesOf(int n) {
        return n == 1 ? "max(time)" : "arrayJoin(arraySlice(arrayReverseSort(groupArray(time)), 1, " + n + "))";
    }

    private static String comparisons(String value, List<FieldPredicate> predicates) {
        List<String> tests = new ArrayList<>();
        for (FieldPredicate p : predicates) {
            tests.add(value + " " + operator(p.op()) + " " + number(p.value()));
        }
        return String.join(" AND ", tests);
    }

    private static String operator(FieldPredicate.Comparison op) {
        return switch (op) {
            case LT -> "<";
            case LE -> "<=";
            case GT -> ">";
            case GE -> ">=";
            case EQ -> "=";
            case NE -> "!=";
        };
    }

    /** Returns a Float64 literal that reads back as exactly {@code value} (never NaN: predicates forbid it). */
    static String number(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return Double.toString(value);
    }
}
