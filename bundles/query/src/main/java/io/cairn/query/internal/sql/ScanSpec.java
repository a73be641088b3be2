package io.cairn.query.internal.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link StoreScan} asks the store for: time bounds, tag filters, the projected table
 * columns, an optional aggregation and a row limit. Each push-down rule returns a new spec.
 *
 * @param bounds comparisons of the time column, all of which hold
 * @param tags tag filters, all of which hold
 * @param projection indexes of the table columns returned, in order; null for all
 * @param aggregation the pushed GROUP BY, or null for raw rows
 * @param limit the most rows to return, 0 for all
 * @param order the time order of the rows when a limit picks the newest or oldest ones
 */
public record ScanSpec(List<TimeBound> bounds, List<TagFilter> tags, List<Integer> projection,
        PushedAggregation aggregation, long limit, TimeOrder order) {
    /** Every row and column of the table. */
    public static final ScanSpec ALL = new ScanSpec(List.of(), List.of(), null, null, 0, TimeOrder.NONE);

    /** How a pushed {@code ORDER BY time LIMIT n} orders rows. */
    public enum TimeOrder {
        NONE,
        OLDEST_FIRST,
        NEWEST_FIRST
    }

    /** Copies the lists. */
    public ScanSpec {
        bounds = List.copyOf(bounds);
        tags = List.copyOf(tags);
        projection = projection == null ? null : List.copyOf(projection);
    }

    /** Returns the table column an output column of a raw scan reads. */
    int tableColumn(int output) {
        return projection == null ? output : projection.get(output);
    }

    ScanSpec withFilters(List<TimeBound> moreBounds, List<TagFilter> moreTags) {
        List<TimeBound> b = new ArrayList<>(bounds);
        b.addAll(moreBounds);
        List<TagFilter> t = new ArrayList<>(tags);
        t.addAll(moreTags);
        return new ScanSpec(b, t, projection, aggregation, limit, order);
    }

    ScanSpec withProjection(List<Integer> outputs) {
        List<Integer> p = new ArrayList<>();
        for (int o : outputs) {
            p.add(tableColumn(o));
        }
        return new ScanSpec(bounds, tags, p, aggregation, limit, order);
    }

    ScanSpec withAggregation(PushedAggregation a) {
        return new ScanSpec(bounds, tags, projection, a, limit, order);
    }

    ScanSpec withLimit(long n) {
        return new ScanSpec(bounds, tags, projection, aggregation, n, order);
    }

    ScanSpec withTopByTime(long n, TimeOrder newOrder) {
        return new ScanSpec(bounds, tags, projection, aggregation, n, newOrder);
    }

    /** Returns true when a lower time bound exists (needed to scan forward from the oldest rows). */
    boolean hasLowerBound() {
        return bounds.stream().anyMatch(TimeBound::lower);
    }

    /** Returns true when a filter or a projection may still be pushed into this scan. */
    boolean acceptsRowOperations() {
        return aggregation == null && limit == 0;
    }
}
