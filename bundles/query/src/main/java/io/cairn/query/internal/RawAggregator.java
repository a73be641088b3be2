package io.cairn.query.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.Tags;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Computes every aggregation and the rate from raw points into a {@link GroupTable}: the one code
 * path for what a store cannot aggregate itself.
 *
 * <p>Integral: per series, the trapezoid area (value·seconds) between consecutive points that fall
 * in the same bucket, summed over the group's series. Rate: per series, the non-negative deltas
 * between consecutive points, counted in the bucket of the later point (the earlier may lie in an
 * earlier bucket of the range); negative deltas are counter resets and ignored; the group's sum is
 * divided by the bucket width in seconds (the interval, or the whole range without one). Every
 * bucket holding a point of the group is reported.
 */
final class RawAggregator implements PointSink {
    private final DashboardQuery query;
    private final GroupTable table;
    private final Set<String> groupBy;
    private final boolean keepValues;
    private final Map<Tags, SeriesState> series = new HashMap<>();

    RawAggregator(DashboardQuery query, GroupTable table) {
        this.query = query;
        this.table = table;
        this.groupBy = new HashSet<>(query.groupBy());
        this.keepValues = query.aggregation().percentile() > 0;
    }

    @Override
    public void point(Tags tags, long timeNanos, FieldColumn column, int row) {
        double v = column.doubleAt(row);
        SeriesState state = series.computeIfAbsent(tags, t -> new SeriesState(t.select(groupBy)));
        long bucket = query.bucketOf(timeNanos);
        BucketStats stats = table.bucket(state.group, bucket);
        stats.add(v, keepValues);
        if (query.aggregation().needsSeriesOrder()) {
            if (state.seen && timeNanos > state.lastTime) {
                if (query.aggregation() == AggregationKind.RATE) {
                    stats.addToTotal(Math.max(0, v - state.lastValue));
                } else if (query.bucketOf(state.lastTime) == bucket) {
                    stats.addToTotal((state.lastValue + v) / 2 * ((timeNanos - state.lastTime) / 1e9));
                }
            }
            state.seen = true;
            state.lastTime = timeNanos;
            state.lastValue = v;
        }
    }

    private static final class SeriesState {
        final Tags group;
        boolean seen;
        long lastTime;
        double lastValue;

        SeriesState(Tags group) {
            this.group = group;
        }
    }
}
