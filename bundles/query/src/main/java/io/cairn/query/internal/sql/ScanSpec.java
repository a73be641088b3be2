package io.cairn.query.internal.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link StoreScan} asks the store for: time bounds, tag and field filters, the projected table
 * columns, an optional aggregation, a row limit and the latest rows per series. Each push-down rule returns a new spec.
 *
 * @param bounds comparisons of the time column, all of which hold
 * @param tags tag filters, all of which hold
 * @param fieldFilters comparisons of numeric fields with numbers, all of which hold on a row
 * @param projection indexes of the table columns returned, in order; null for all
 * @param aggregation the pushed GROUP BY, or null for raw rows
 * @param limit the most rows to return, 0 for all
 * @param order the time (or time bucket) order of the rows when a limit picks the newest or oldest ones
 * @param latest raw rows only at the latest {@code latest} times per series, 0 for all
 * @param latestGroups the latest rows grouped by tags in Java (with {@code latest} 1), or null for rows
 */
public record ScanSpec(List<TimeBound> bounds, List<TagFilter> tags, List<FieldFilter> fieldFilters,
        List<Integer> projection, PushedAggregation aggregation, long limit, TimeOrder order, int latest,
        LatestGroups latestGroups) {
    /** Every row and column of the table. */
    public static final ScanSpec ALL =
            new ScanSpec(List.of(), List.of(), List.of(), null, null, 0, TimeOrder.NONE, 0, null);

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
        fieldFilters = List.copyOf(fieldFilters);
        projection = projection == null ? null : List.copyOf(projection);
    }

    /** Returns the table column an output column of a raw scan reads. */
    int tableColumn(int output) {
        return projection == null ? output : projection.get(output);
    }

    ScanSpec withFilters(List<TimeBound> moreBounds, List<TagFilter> moreTags, List<FieldFilter> moreFields) {
        List<TimeBound> b = new ArrayList<>(bounds);
        b.addAll(moreBounds);
        List<TagFilter> t = new ArrayList<>(tags);
        t.addAll(moreTags);
        List<FieldFilter> f = new ArrayList<>(fieldFilters);
        f.addAll(moreFields);
        return new ScanSpec(b, t, f, projection, aggregation, limit, order, latest, latestGroups);
    }

    ScanSpec withProjection(List<Integer> outputs) {
        List<Integer> p = new ArrayList<>();
        for (int o : outputs) {
            p.add(tableColumn(o));
        }
        return new ScanSpec(bounds, tags, fieldFilters, p, aggregation, limit, order, latest, latestGroups);
    }

    ScanSpec withAggregation(PushedAggregation a) {
        return new ScanSpec(bounds, tags, fieldFilters, projection, a, limit, order, latest, latestGroups);
    }

    ScanSpec withLimit(long n) {
        return new ScanSpec(bounds, tags, fieldFilters, projection, aggregation, n, order, latest, latestGroups);
    }

    ScanSpec withTopByTime(long n, TimeOrder newOrder) {
        return new ScanSpec(bounds, tags, fieldFilters, projection, aggregation, n, newOrder, latest, latestGroups);
    }

    ScanSpec withLatest(int n) {
        return new ScanSpec(bounds, tags, fieldFilters, projection, aggregation, limit, order, n, latestGroups);
    }

    ScanSpec withLatestGroups(LatestGroups groups) {
        return new ScanSpec(bounds, tags, fieldFilters, projection, aggregation, limit, order, 1, groups);
    }

    /** Returns true when a lower time bound exists (needed to scan forward from the oldest rows). */
    boolean hasLowerBound() {
        return bounds.stream().anyMatch(TimeBound::lower);
    }

    /** Returns true when a filter or a projection may still be pushed into this scan. */
    boolean acceptsRowOperations() {
        return aggregation == null && limit == 0 && latest == 0;
    }

    /** Returns true when some pushed comparison waits for a parameter's value. */
    boolean hasParameters() {
        return bounds.stream().anyMatch(b -> b.value().paramIndex() >= 0)
                || tags.stream().flatMap(t -> t.values().stream()).anyMatch(o -> o.paramIndex() >= 0)
                || fieldFilters.stream().anyMatch(f -> f.value().paramIndex() >= 0);
    }
}
