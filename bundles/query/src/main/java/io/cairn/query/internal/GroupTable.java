package io.cairn.query.internal;

import io.cairn.api.model.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The buckets of each group of an aggregate or rate query, filled from raw points or from a
 * store's aggregates, and turned into the query's result. More groups than allowed fail with
 * TOO_MANY_GROUPS as soon as the first extra group appears. Not thread safe.
 */
final class GroupTable {
    private final Map<Tags, TreeMap<Long, BucketStats>> groups = new HashMap<>();
    private final int maxGroups;
    private final int maxPoints;

    GroupTable(int maxGroups, int maxPoints) {
        this.maxGroups = maxGroups;
        this.maxPoints = maxPoints;
    }

    /** Returns the stats of a group's bucket, creating them. */
    BucketStats bucket(Tags group, long bucketStart) {
        TreeMap<Long, BucketStats> buckets = groups.get(group);
        if (buckets == null) {
            if (groups.size() >= maxGroups) {
                throw QueryException.tooManyGroups(maxGroups);
            }
            buckets = new TreeMap<>();
            groups.put(group, buckets);
        }
        return buckets.computeIfAbsent(bucketStart, b -> new BucketStats());
    }

    /** Returns the result of a query, groups sorted by key, cut after the query's limit of points. */
    QueryResult toResult(DashboardQuery query) {
        List<Tags> keys = new ArrayList<>(groups.keySet());
        keys.sort(null);
        int limit = Math.min(query.limit(), maxPoints);
        return query.bucketed()
                ? seriesResult(keys, query, limit)
                : valuesResult(keys, query.aggregation(), bucketSeconds(query, query.startNanos()), limit);
    }

    private QueryResult valuesResult(List<Tags> keys, AggregationKind kind, double bucketSeconds, int limit) {
        List<QueryResult.GroupValue> values = new ArrayList<>();
        for (Tags key : keys) {
            if (values.size() == limit) {
                return new QueryResult.GroupValues(values, cutMessage(limit));
            }
            BucketStats s = groups.get(key).firstEntry().getValue();
            values.add(new QueryResult.GroupValue(key, s.value(kind, bucketSeconds), s.count()));
        }
        return new QueryResult.GroupValues(values, null);
    }

    /** Returns the seconds of a bucket that lie in the query's range: the first and last bucket may be partial. */
    private static double bucketSeconds(DashboardQuery query, long bucketStart) {
        long width = query.intervalNanos() > 0 ? query.intervalNanos() : query.endNanos() - query.startNanos();
        long from = Math.max(bucketStart, query.startNanos());
        long to = Math.min(bucketStart + width, query.endNanos());
        return Math.max(to - from, 1) / 1e9;
    }

    private QueryResult seriesResult(List<Tags> keys, DashboardQuery query, int limit) {
        AggregationKind kind = query.aggregation();
        List<QueryResult.GroupSeries> series = new ArrayList<>();
        int budget = limit;
        for (Tags key : keys) {
            TreeMap<Long, BucketStats> buckets = groups.get(key);
            int n = Math.min(buckets.size(), budget);
            if (n > 0) {
                long[] times = new long[n];
                double[] values = new double[n];
                int i = 0;
                for (Map.Entry<Long, BucketStats> e : buckets.entrySet()) {
                    if (i == n) {
                        break;
                    }
                    times[i] = e.getKey();
                    values[i++] = e.getValue().value(kind, bucketSeconds(query, e.getKey()));
                }
                series.add(new QueryResult.GroupSeries(key, times, values));
                budget -= n;
            }
            if (n < buckets.size()) {
                return new QueryResult.GroupSeriesList(series, cutMessage(limit));
            }
        }
        return new QueryResult.GroupSeriesList(series, null);
    }

    static String cutMessage(int limit) {
        return "results truncated to " + limit + " points";
    }
}
