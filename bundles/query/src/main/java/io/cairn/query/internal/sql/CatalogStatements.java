package io.cairn.query.internal.sql;

import io.cairn.api.store.TimeSeriesStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code SHOW DATABASES}, {@code SHOW MEASUREMENTS} (or {@code SHOW TABLES}) {@code [FROM db]} and
 * {@code DESCRIBE [db.]measurement}, answered from the store's catalog before Calcite parses anything.
 */
final class CatalogStatements {
    private static final String NAME = "(\"(?:[^\"]|\"\")+\"|[A-Za-z0-9_][A-Za-z0-9_.\\-]*)";
    private static final Pattern SHOW_DATABASES = Pattern.compile("(?is)\\s*SHOW\\s+DATABASES\\s*;?\\s*");
    private static final Pattern SHOW_MEASUREMENTS = Pattern.compile(
            "(?is)\\s*SHOW\\s+(?:MEASUREMENTS|TABLES)(?:\\s+(?:FROM|IN)\\s+" + NAME + ")?\\s*;?\\s*");
    private static final Pattern DESCRIBE = Pattern.compile(
            "(?is)\\s*(?:DESCRIBE|DESC)\\s+(?:TABLE\\s+)?" + NAME + "(?:\\s*\\.\\s*" + NAME + ")?\\s*;?\\s*");

    private CatalogStatements() {
    }

    /** Returns the answer to a catalog statement, or empty when the statement is not one. */
    static Optional<SqlResult> answer(TimeSeriesStore store, String database, String sql) {
        if (SHOW_DATABASES.matcher(sql).matches()) {
            return Optional.of(names(store.databases()));
        }
        Matcher m = SHOW_MEASUREMENTS.matcher(sql);
        if (m.matches()) {
            return Optional.of(names(store.measurements(m.group(1) == null ? database : unquote(m.group(1)))));
        }
        m = DESCRIBE.matcher(sql);
        if (m.matches()) {
            String first = unquote(m.group(1));
            if (m.group(2) != null) {
                return Optional.of(describe(store, first, unquote(m.group(2))));
            }
            if (!m.group(1).startsWith("\"") && !store.measurements(database).contains(first)) {
                for (int dot = first.indexOf('.'); dot > 0; dot = first.indexOf('.', dot + 1)) {
                    if (store.databases().contains(first.substring(0, dot))) {
                        return Optional.of(describe(store, first.substring(0, dot), first.substring(dot + 1)));
                    }
                }
            }
            return Optional.of(describe(store, database, first));
        }
        return Optional.empty();
    }

    private static SqlResult names(List<String> names) {
        List<Object[]> rows = new ArrayList<>();
        for (String n : names) {
            rows.add(new Object[] {n});
        }
        return new SqlResult(List.of("name"), List.of("VARCHAR"), rows, false);
    }

    private static SqlResult describe(TimeSeriesStore store, String database, String measurement) {
        if (!store.measurements(database).contains(measurement)) {
            throw SqlQueryException.invalid("no measurement '" + measurement + "' in database '" + database + "'",
                    java.util.Map.of("database", database, "measurement", measurement));
        }
        List<Object[]> rows = new ArrayList<>();
        for (MeasurementColumn c : MeasurementTable.columnsOf(store, database, measurement)) {
            rows.add(new Object[] {c.name(), c.sqlType(), c.kind().name().toLowerCase(java.util.Locale.ROOT)});
        }
        return new SqlResult(List.of("column", "type", "kind"), List.of("VARCHAR", "VARCHAR", "VARCHAR"), rows, false);
    }

    private static String unquote(String name) {
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            return name.substring(1, name.length() - 1).replace("\"\"", "\"");
        }
        return name;
    }
}
