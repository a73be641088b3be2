package io.cairn.query.internal;

import io.cairn.api.model.Tags;
import io.cairn.api.store.TimeSeriesStore;
import io.cairn.query.internal.sql.PlanScope;
import io.cairn.query.internal.sql.SqlEngine;
import io.cairn.query.internal.sql.SqlLimits;
import io.cairn.query.internal.sql.SqlQueryException;
import io.cairn.query.internal.sql.SqlResult;
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
        SqlResult rows;
        try {
            rows = sql.query(scope, store, q.database(), r, r.values(), new SqlLimits(q.timeoutMillis(), Integer.MAX_VALUE));
        } catch (SqlQueryException e) {
            throw e.status() == 504 ? QueryException.timeout(q.timeoutMillis())
                    : new QueryException(e.status(), e.code(), e.getMessage(), e.details());
        }
        GroupTable table = new GroupTable(limits.maxGroups(), limits.maxPoints());
        int first = r.bucketed() ? 1 : 0;
        for (Object[] row : rows.rows()) {
            Object value = row[row.length - 2];
            long n = ((Number) row[row.length - 1]).longValue();
            if (n == 0 || value == null) {
                continue;
            }
            long bucket = r.bucketed() ? ((Instant) row[0]).toEpochMilli() * 1_000_000L : q.startNanos();
            table.bucket(groupOf(r, q.groupBy(), row, first), bucket)
                    .addAggregated(q.aggregation(), ((Number) value).doubleValue(), n);
        }
        return table.toResult(q);
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
