package io.cairn.query.internal;

import io.cairn.api.model.Tags;
import java.util.List;

/**
 * The answer to a {@link DashboardQuery}, in one of three shapes, before it is written as JSON.
 * {@code truncationMessage} is null when nothing was cut off.
 */
sealed interface QueryResult {
    /** Returns why results were cut off, or null when they were not. */
    String truncationMessage();

    /** Raw points sorted by time, then series. */
    record RangeRows(List<RangeRow> rows, String truncationMessage) implements QueryResult {
    }

    /** One raw point: time in nanoseconds, value (Double, Long, Boolean or String), series tags. */
    record RangeRow(long timeNanos, Object value, Tags dimensions) {
    }

    /** One value per group, for an aggregate without interval. */
    record GroupValues(List<GroupValue> groups, String truncationMessage) implements QueryResult {
    }

    /** The value of a group and the number of points it was computed from. */
    record GroupValue(Tags groupKey, double value, long count) {
    }

    /** Points per group, for an aggregate with interval or a rate. */
    record GroupSeriesList(List<GroupSeries> groups, String truncationMessage) implements QueryResult {
    }

    /** The buckets of a group: bucket start times in nanoseconds and their values. */
    record GroupSeries(Tags groupKey, long[] timesNanos, double[] values) {
    }
}
