package io.cairn.api.store;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.Tags;
import java.util.List;

/**
 * A batch of a scan's result, in columns. For a raw scan, rows of one series in ascending time,
 * with one column per requested field. For an aggregation, the buckets of one group in ascending
 * time (times are bucket starts), with one FLOAT column per function and field named by
 * {@link Aggregation#columnName}.
 *
 * @param tags the series' tags, or the group's tags for an aggregation
 * @param size the number of rows
 * @param times the time of each row, nanoseconds since the epoch (length at least size)
 * @param columns the columns, each of {@code size} rows
 */
public record SeriesBatch(Tags tags, int size, long[] times, List<FieldColumn> columns) {
    /** Returns the column of a name, or null. */
    public FieldColumn column(String name) {
        for (FieldColumn c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
