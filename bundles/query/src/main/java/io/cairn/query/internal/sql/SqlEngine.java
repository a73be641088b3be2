package io.cairn.query.internal.sql;

import io.cairn.api.store.StoreUnavailableException;
import io.cairn.api.store.TimeSeriesStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs SQL over a store with Calcite: answers catalog statements itself, prepares everything else (or takes
 * it from the {@link PlanCache}), binds the parameters, enforces the timeout over planning and running
 * (cancelling the statement) and the row limit.
 */
public final class SqlEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqlEngine.class);
    private static final String EXPLAIN = "EXPLAIN PLAN FOR ";
    private static final String BINDABLE_CACHE = "calcite.bindable.cache.maxSize";
    /** How many prepared statements an engine keeps unless configured otherwise. */
    public static final int DEFAULT_PLAN_CACHE_SIZE = 256;
    /** Statements longer than this (text or plan key) are prepared every time: the cache counts, not weighs. */
    static final int MAX_CACHED_KEY_CHARS = 16 * 1024;

    static {
        // Generated code keeps per-statement values in the data context, so equal plans share one
        // compiled class: cache them (read by the embedded Calcite only, before its first use).
        if (System.getProperty(BINDABLE_CACHE) == null) {
            System.setProperty(BINDABLE_CACHE, "256");
        }
    }

    private final SqlLimits limits;
    private final PlanCache plans;
    private final DeadlineWatch timer = new DeadlineWatch("cairn-sql-timeout");

    /** An engine keeping up to {@value #DEFAULT_PLAN_CACHE_SIZE} prepared statements. */
    public SqlEngine(SqlLimits limits) {
        this(limits, DEFAULT_PLAN_CACHE_SIZE);
    }

    /** An engine keeping up to {@code planCacheSize} prepared statements (0: prepares every statement). */
    public SqlEngine(SqlLimits limits, int planCacheSize) {
        this.limits = limits;
        this.plans = new PlanCache(planCacheSize);
    }

    public SqlLimits limits() {
        return limits;
    }

    /** Returns the cache of prepared statements (tests, figures). */
    PlanCache plans() {
        return plans;
    }

    /** Returns how many statements ran on a plan prepared before (a plan cache hit). */
    public long reusedPlans() {
        return plans.hits();
    }

    /**
     * Runs a statement over a store and returns its result, at most {@link SqlLimits#maxRows()} rows.
     *
     * @throws SqlQueryException 400 INVALID_QUERY for a statement Calcite rejects, 504 QUERY_TIMEOUT
     * @throws StoreUnavailableException when the store cannot serve now
     */
    public SqlResult query(TimeSeriesStore store, String database, String sql, List<Object> params) {
        return query(new PlanScope(store, null), store, database, sql, params);
    }

    /**
     * Runs a statement over a view of a store (row security, a tenant), reusing a statement prepared for the
     * same text, database and tenant when the view shows the catalog its plan was built from.
     *
     * @param scope the store behind the view and the tenant
     */
    public SqlResult query(PlanScope scope, TimeSeriesStore view, String database, String sql, List<Object> params) {
        Optional<SqlResult> catalog = CatalogStatements.answer(view, database, sql);
        if (catalog.isPresent()) {
            return catalog.get();
        }
        ColumnNameQuoting quoting = ColumnNameQuoting.of(sql);
        PlanCache.Key key = new PlanCache.Key(quoting.sql(), database, scope.tenant(), false);
        return run(key, scope, view, cancelled -> PreparedPlan.prepare(view, database, quoting.sql(), cancelled),
                params, limits, quoting, (rs, expired) -> ResultRows.read(rs, limits.maxRows(), expired));
    }

    /**
     * Runs a relational statement (the dashboard JSON query) through the same planner, plan cache and timeout
     * as SQL, handing its rows to a sink as they are read (the sink stops them by returning false).
     *
     * @param values the values of the statement's dynamic parameters
     * @param timeoutMillis the timeout of this statement, planning included
     */
    public void query(PlanScope scope, TimeSeriesStore view, String database, RelationalStatement statement,
            List<Object> values, long timeoutMillis, RowSink sink) {
        PlanCache.Key key = new PlanCache.Key(statement.planKey(), database, scope.tenant(), true);
        run(key, scope, view, cancelled -> PreparedPlan.prepare(view, database, statement, cancelled), values,
                new SqlLimits(timeoutMillis, Integer.MAX_VALUE), ColumnNameQuoting.of(""),
                (rs, expired) -> ResultRows.stream(rs, expired, sink));
    }

    /** How a statement is prepared when the cache has no plan for it. */
    private interface Preparation {
        PreparedPlan prepare(AtomicBoolean cancelled) throws SQLException;
    }

    /** How a statement's rows are read (the flag is set once its deadline passed). */
    private interface RowsReader {
        SqlResult read(ResultSet rs, AtomicBoolean expired) throws SQLException;
    }

    private SqlResult run(PlanCache.Key key, PlanScope scope, TimeSeriesStore view, Preparation preparation,
            List<Object> params, SqlLimits runLimits, ColumnNameQuoting quoting, RowsReader reader) {
        try (StatementDeadline deadline = new StatementDeadline(timer, runLimits.timeoutMillis())) {
            PreparedPlan plan = null;
            boolean reusable = key.sql().length() <= MAX_CACHED_KEY_CHARS;
            try {
                plan = reusable ? plans.take(key, scope.source(), view) : null;
                if (plan == null) {
                    int clockReads = TimeFunctions.clockReads();
                    plan = preparation.prepare(deadline.expiredFlag());
                    // now() folded into the plan as a constant (so its range reaches the store): right only once
                    reusable &= TimeFunctions.clockReads() == clockReads;
                    if (deadline.expired()) {
                        // the planner stops at its best plan so far when the deadline passes: never run or keep it
                        reusable = false;
                        throw SqlQueryException.timeout(runLimits.timeoutMillis());
                    }
                }
                plan.bind(view);
                SqlResult result = execute(plan, params, deadline, runLimits, reader);
                keep(reusable, deadline, key, scope, plan);
                return result;
            } catch (SQLException | RuntimeException e) {
                if (plan != null && e instanceof SqlQueryException q && (q.status() == 504 || !deadline.expired())) {
                    // not run (the deadline passed after planning) or refused its parameters: still a good plan
                    keep(reusable, deadline, key, scope, plan);
                } else if (plan != null) {
                    plan.close();
                }
                throw failure(e, deadline, runLimits, quoting, 0, key.sql());
            }
        }
    }

    /** Gives a plan back to the cache, unless it may not run again (not reusable, or its statement cancelled). */
    private void keep(boolean reusable, StatementDeadline deadline, PlanCache.Key key, PlanScope scope,
            PreparedPlan plan) {
        deadline.close();
        if (reusable && !deadline.cancelledStatement()) {
            plans.give(key, scope.source(), plan);
        } else {
            plan.close();
        }
    }

    /** Returns Calcite's plan of a statement, naming what the scans push into the store (never cached). */
    public String explain(TimeSeriesStore store, String database, String sql, List<Object> params) {
        if (CatalogStatements.answer(store, database, sql).isPresent()) {
            return "CatalogStatement: answered from the store's catalog";
        }
        ColumnNameQuoting quoting = ColumnNameQuoting.of(sql);
        String text = EXPLAIN + quoting.sql();
        try (StatementDeadline deadline = new StatementDeadline(timer, limits.timeoutMillis())) {
            try (PreparedPlan plan = PreparedPlan.prepare(store, database, text, deadline.expiredFlag())) {
                SqlResult rows = execute(plan, params, deadline, limits,
                        (rs, expired) -> ResultRows.read(rs, limits.maxRows(), expired));
                StringBuilder out = new StringBuilder();
                for (Object[] row : rows.rows()) {
                    out.append(row[0]);
                }
                return out.toString().trim();
            } catch (SQLException | RuntimeException e) {
                throw failure(e, deadline, limits, quoting, EXPLAIN.length(), text);
            }
        }
    }

    private static SqlResult execute(PreparedPlan plan, List<Object> params, StatementDeadline deadline,
            SqlLimits runLimits, RowsReader reader) throws SQLException {
        PreparedStatement statement = plan.statement();
        if (!deadline.running(statement)) {
            throw SqlQueryException.timeout(runLimits.timeoutMillis());
        }
        plan.bindValues(params);
        try (ResultSet rs = statement.executeQuery()) {
            return reader.read(rs, deadline.expiredFlag());
        } catch (ExceptionInInitializerError e) {
            // the generated code evaluates its constants when its class loads: a text that is no timestamp fails there
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new InvalidSqlException(cause.getMessage() + " (a timestamp is written TIMESTAMP '2024-01-01 00:00:00'"
                    + " or bound to a ? parameter as ISO-8601 text)");
        }
    }

    private static RuntimeException failure(Exception e, StatementDeadline deadline, SqlLimits runLimits,
            ColumnNameQuoting quoting, int prefix, String text) {
        if (e instanceof SqlQueryException q) {
            return q;
        }
        if (deadline.expired()) {
            return SqlQueryException.timeout(runLimits.timeoutMillis());
        }
        StoreUnavailableException unavailable = find(e, StoreUnavailableException.class);
        if (unavailable != null) {
            return unavailable;
        }
        SqlQueryException client = SqlErrors.translate(e, quoting, prefix);
        if (client != null) {
            return client;
        }
        LOG.warn("SQL statement failed: {}", text, e);
        return new SqlQueryException(500, "INTERNAL_ERROR", "the statement failed: " + rootMessage(e), Map.of());
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    @Override
    public void close() {
        timer.close();
        plans.close();
    }
}
