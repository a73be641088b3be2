package io.cairn.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A query answer in one shape for every target: column names and rows. The time column is called {@code time}
 * and holds epoch milliseconds, whatever the target named it or how it wrote it.
 */
record ResultTable(List<String> columns, List<List<Object>> rows) {

    static final String TIME = "time";

    int column(String name) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new IllegalStateException("no column " + name + " in " + columns);
        }
        return i;
    }

    /** Returns the last cell of the first row as a number: how the count queries are read. */
    long singleCount() {
        if (rows.isEmpty()) {
            return 0;
        }
        List<Object> row = rows.get(0);
        Object cell = row.get(row.size() - 1);
        return cell == null ? 0 : (long) number(cell);
    }

    /** Reads a cell as a number: JSON numbers, and numbers written as text (as Prometheus-style APIs do). */
    static double number(Object cell) {
        if (cell instanceof Number n) {
            return n.doubleValue();
        }
        if (cell instanceof String s) {
            return Double.parseDouble(s);
        }
        throw new IllegalStateException("not a number: " + cell);
    }

    /** Reads a time cell, ISO-8601 text or epoch milliseconds, as epoch milliseconds. */
    static long epochMillis(Object cell) {
        if (cell instanceof Number n) {
            return n.longValue();
        }
        return Instant.parse((String) cell).toEpochMilli();
    }

    /** Returns a copy whose column of the given name is renamed to {@code time} and read as epoch milliseconds. */
    static ResultTable withTimeColumn(List<String> columns, List<List<Object>> rows, String timeName) {
        List<String> names = new ArrayList<>(columns);
        int t = names.indexOf(timeName);
        if (t < 0) {
            return new ResultTable(names, rows);
        }
        names.set(t, TIME);
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            List<Object> copy = new ArrayList<>(row);
            copy.set(t, row.get(t) == null ? null : epochMillis(row.get(t)));
            out.add(copy);
        }
        return new ResultTable(names, out);
    }
}
