package io.cairn.store.clickhouse.internal;

/**
 * The SQL of an aggregation with percentiles, INTEGRAL or INCREASE, which need each series' points in
 * time order: the innermost query gathers every series' times and values as time-sorted arrays, the
 * middle one computes per point its bucket, the trapezoid area to the previous point (0 when that lies in
 * another bucket) and the non-negative increase from it, and the outer one ARRAY JOINs the points and
 * groups them. Columns: the group's tag columns, bucket, field, count, sum, min, max, avg, p50, p95, p99,
 * integral, increase (in {@link io.cairn.api.store.AggregateFunction} order). Percentiles use the
 * nearest-rank method (1-based rank ⌈p·n/100⌉, in integers).
 */
final class AdvancedAggregateSql {
    private AdvancedAggregateSql() {
    }

    /**
     * Returns the statement.
     *
     * @param groups the group's tag columns, each followed by ", " (empty without groups)
     * @param bucketOfT the bucket start of a time named {@code t}
     * @param from the qualified table with FINAL and the WHERE clause
     */
    static String select(String groups, String bucketOfT, String from) {
        String series = "SELECT " + groups + "field, arraySort(groupArray(time)) AS ts,"
                + " arraySort((x, y) -> y, groupArray(f64 + i64), groupArray(time)) AS vs"
                + " FROM " + from + " GROUP BY " + groups + "series, field";
        String points = "SELECT " + groups + "field, vs, arrayMap(t -> " + bucketOfT + ", ts) AS bs,"
                + " arrayMap(i -> if(i = 1 OR bs[i - 1] != bs[i], 0, (vs[i - 1] + vs[i]) / 2 * (ts[i] - ts[i - 1]) / 1e9),"
                + " arrayEnumerate(ts)) AS areas,"
                + " arrayMap(i -> if(i = 1, 0, greatest(0, vs[i] - vs[i - 1])), arrayEnumerate(ts)) AS rises"
                + " FROM (" + series + ")";
        return "SELECT " + groups + "bucket, field, count(), sum(v), min(v), max(v), avg(v), "
                + percentile(50) + ", " + percentile(95) + ", " + percentile(99) + ", sum(area), sum(rise)"
                + " FROM (" + points + ") ARRAY JOIN bs AS bucket, vs AS v, areas AS area, rises AS rise"
                + " GROUP BY " + groups + "bucket, field FORMAT TabSeparated";
    }

    private static String percentile(int p) {
        return "arrayElement(arraySort(groupArray(v)), toUInt64(greatest(intDiv(" + p + " * count() + 99, 100), 1)))";
    }
}
