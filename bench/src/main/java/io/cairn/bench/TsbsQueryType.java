package io.cairn.bench;

/**
 * The TSBS devops (cpu-only) query types: how many metrics and hosts a query names, how long its time window is,
 * and which query shape it has.
 */
enum TsbsQueryType {
    SINGLE_GROUPBY_1_1_1("single-groupby-1-1-1", Shape.MAX_PER_MINUTE, 1, 1, 1),
    SINGLE_GROUPBY_1_1_12("single-groupby-1-1-12", Shape.MAX_PER_MINUTE, 1, 1, 12),
    SINGLE_GROUPBY_1_8_1("single-groupby-1-8-1", Shape.MAX_PER_MINUTE, 1, 8, 1),
    SINGLE_GROUPBY_5_1_1("single-groupby-5-1-1", Shape.MAX_PER_MINUTE, 5, 1, 1),
    SINGLE_GROUPBY_5_1_12("single-groupby-5-1-12", Shape.MAX_PER_MINUTE, 5, 1, 12),
    SINGLE_GROUPBY_5_8_1("single-groupby-5-8-1", Shape.MAX_PER_MINUTE, 5, 8, 1),
    CPU_MAX_ALL_1("cpu-max-all-1", Shape.MAX_PER_HOUR, 10, 1, 8),
    CPU_MAX_ALL_8("cpu-max-all-8", Shape.MAX_PER_HOUR, 10, 8, 8),
    DOUBLE_GROUPBY_1("double-groupby-1", Shape.MEAN_PER_HOUR_AND_HOST, 1, 0, 12),
    DOUBLE_GROUPBY_5("double-groupby-5", Shape.MEAN_PER_HOUR_AND_HOST, 5, 0, 12),
    DOUBLE_GROUPBY_ALL("double-groupby-all", Shape.MEAN_PER_HOUR_AND_HOST, 10, 0, 12),
    HIGH_CPU_1("high-cpu-1", Shape.HIGH_CPU, 10, 1, 12),
    HIGH_CPU_ALL("high-cpu-all", Shape.HIGH_CPU, 10, 0, 12),
    LASTPOINT("lastpoint", Shape.LAST_POINT, 10, 0, 0),
    GROUPBY_ORDERBY_LIMIT("groupby-orderby-limit", Shape.LAST_FIVE_MINUTES, 1, 0, 1);

    /** What a query computes, whatever its sizes. */
    enum Shape {
        /** max of each metric per 1-minute bucket over the chosen hosts. */
        MAX_PER_MINUTE,
        /** max of every metric per 1-hour bucket over the chosen hosts. */
        MAX_PER_HOUR,
        /** mean of each metric per 1-hour bucket and host, all hosts. */
        MEAN_PER_HOUR_AND_HOST,
        /** every row whose usage_user is above 90 (of the chosen hosts, or all). */
        HIGH_CPU,
        /** the latest row of every host. */
        LAST_POINT,
        /** max usage_user per minute, the last five minutes before a random end, all hosts. */
        LAST_FIVE_MINUTES
    }

    final String id;
    final Shape shape;
    final int metrics;
    /** How many hosts the query names; 0 means all hosts (no host filter). */
    final int hosts;
    final int windowHours;

    TsbsQueryType(String id, Shape shape, int metrics, int hosts, int windowHours) {
        this.id = id;
        this.shape = shape;
        this.metrics = metrics;
        this.hosts = hosts;
        this.windowHours = windowHours;
    }

    static TsbsQueryType of(String id) {
        for (TsbsQueryType t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown query type " + id);
    }
}
