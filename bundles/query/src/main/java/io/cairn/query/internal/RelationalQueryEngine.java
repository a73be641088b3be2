package io.cairn.query.internal;

import io.cairn.api.model.Tags;
import io.cairn.api.store.TimeSeriesStore;
import io.cairn.query.internal.sql.PlanScope;
import io.cairn.query.internal.sql.SqlEngine;
import io.cairn.query.internal.sql.SqlQueryException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Executes dashboard queries on the SQL layer's planner: a query with a relational form
 * ({@link DashboardRelation}) is planned, cached, pushed down and timed out like SQL, and its rows fill the
 * same {@link GroupTable} the store engine fills, so the response is the same; any other query runs on the
 * {@link StoreQueryEngine}.
 */
final class RelationalQueryEngine implements QueryEngine {
    private final SqlEngine sql;
    private final PlanScope scope;
    private final TimeSeriesStore store;
    private final QueryLimits limits;

    RelationalQueryEngine(SqlEngine sql, PlanScope scope, TimeSeriesStore store, QueryLimits limits) {
        this.sql = sql;
        this.scope = scope;
        this.store = store;
        this.limits = limits;
    }

    @Override
    public QueryResult execute(DashboardQuery q, Deadline deadline) {
        Optional<DashboardRelation> relation = DashboardRelation.of(q, store);
        if (relation.isEmpty()) {
            return new StoreQueryEngine(store, limits).execute(q, deadline);
        }
        DashboardRelation r = relation.get();
        GroupTable table = new GroupTable(limits.maxGroups(), limits.maxPoints());
        QueryException[] refused = new QueryException[1];
        int first = r.bucketed() ? 1 : 0;
        try {
            sql.query(scope, store, q.database(), r, r.values(), q.timeoutMillis(), row -> {
                try {
                    add(table, r, q, row, first);
                    return true;
                } catch (QueryException e) {
                    refused[0] = e;
                    return false;
                }
            });
        } catch (SqlQueryException e) {
            throw e.status() == 504 ? QueryException.timeout(q.timeoutMillis())
                    : new QueryException(e.status(), e.code(), e.getMessage(), e.details());
        }
        if (refused[0] != null) {
            throw refused[0];
        }
        return table.toResult(q);
    }

    /** Adds one row (bucket, group keys, value, count) to its group's bucket; fails with TOO_MANY_GROUPS. */
    private static void add(GroupTable table, DashboardRelation r, DashboardQuery q, Object[] row, int first) {
        Object value = row[row.length - 2];
        long n = ((Number) row[row.length - 1]).longValue();
        if (n == 0 || value == null) {
            return;
        }
        long bucket = r.bucketed() ? ((Instant) row[0]).toEpochMilli() * 1_000_000L : q.startNanos();
        table.bucket(groupOf(r, q.groupBy(), row, first), bucket)
                .addAggregated(q.aggregation(), ((Number) value).doubleValue(), n);
    }

    /** The group's tags: the group-by keys the row (or a one-value filter) has a value for. */
    private static Tags groupOf(DashboardRelation r, List<String> keys, Object[] row, int first) {
        List<String> pairs = new ArrayList<>();
        int column = first;
        for (String key : keys) {
            String fixed = r.fixedValue(key);
            Object v = fixed != null ? fixed : row[column++];
            if (v != null) {
                pairs.add(key);
                pairs.add(v.toString());
            }
        }
        return Tags.of(pairs.toArray(new String[0]));
    }
}
