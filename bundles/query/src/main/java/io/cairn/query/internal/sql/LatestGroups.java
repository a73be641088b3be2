package io.cairn.query.internal.sql;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.SeriesBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code GROUP BY tags} of only {@code max(time)} and {@code last(field, time)} computed in one pass over the latest
 * rows of each series (TSBS lastpoint, pushed by {@link LatestIntoScanRule}), as Calcite's aggregate computes them
 * over the same rows: times compared in milliseconds, the later row winning a tie, absent values skipped.
 *
 * @param keys the tags grouped by, in output order
 * @param lastOf per aggregate call, the field of {@code last(field, time)}, or null for {@code max(time)}
 */
record LatestGroups(List<String> keys, List<String> lastOf) {
    private static final long NANOS_PER_MILLI = 1_000_000L;

    LatestGroups {
        keys = List.copyOf(keys);
        lastOf = Collections.unmodifiableList(new ArrayList<>(lastOf));
    }

    /** Reads a cursor to its end (closing it) and returns one row per group: the keys, then the calls. */
    List<Object[]> rows(ScanCursor cursor, AtomicBoolean cancelled) {
        String[] fields = lastOf.toArray(String[]::new);
        BatchColumns finder = new BatchColumns(fields);
        FieldColumn[] columns = new FieldColumn[fields.length];
        Map<List<String>, Group> groups = new LinkedHashMap<>();
        try (cursor) {
            for (SeriesBatch batch = cursor.next(); batch != null; batch = cursor.next()) {
                if (cancelled != null && cancelled.get()) {
                    throw new ScanCancelledException();
                }
                if (batch.size() > 0) {
                    finder.find(batch, columns);
                    groups.computeIfAbsent(key(batch), k -> new Group(fields.length)).add(batch, fields, columns);
                }
            }
        }
        List<Object[]> rows = new ArrayList<>(groups.size());
        for (Map.Entry<List<String>, Group> g : groups.entrySet()) {
            rows.add(g.getValue().row(g.getKey(), fields));
        }
        return rows;
    }

    private List<String> key(SeriesBatch batch) {
        String[] values = new String[keys.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = batch.tags().get(keys.get(i));
        }
        return Arrays.asList(values);
    }

    @Override
    public String toString() {
        List<String> calls = new ArrayList<>();
        for (String field : lastOf) {
            calls.add(field == null ? "max(time)" : "last(" + field + ", time)");
        }
        return "[keys=" + keys + ", calls=" + calls + "]";
    }

    /** The running {@code max(time)} and {@code last()} values of one group. */
    private static final class Group {
        private final long[] millis;
        private final Object[] values;
        private final boolean[] seen;

        Group(int calls) {
            millis = new long[calls];
            values = new Object[calls];
            seen = new boolean[calls];
        }

        void add(SeriesBatch batch, String[] fields, FieldColumn[] columns) {
            long[] times = batch.times();
            for (int r = 0; r < batch.size(); r++) {
                long t = Math.floorDiv(times[r], NANOS_PER_MILLI);
                for (int c = 0; c < columns.length; c++) {
                    if (seen[c] && t < millis[c]) {
                        continue;
                    }
                    if (fields[c] != null) {
                        // max(time) takes every row, last() the rows holding its field
                        if (columns[c] == null || !columns[c].isPresent(r)) {
                            continue;
                        }
                        values[c] = columns[c].valueAt(r);
                    }
                    millis[c] = t;
                    seen[c] = true;
                }
            }
        }

        Object[] row(List<String> key, String[] fields) {
            Object[] row = new Object[key.size() + fields.length];
            for (int i = 0; i < key.size(); i++) {
                row[i] = key.get(i);
            }
            for (int c = 0; c < fields.length; c++) {
                row[key.size() + c] = !seen[c] ? null : fields[c] == null ? (Object) millis[c] : values[c];
            }
            return row;
        }
    }
}
