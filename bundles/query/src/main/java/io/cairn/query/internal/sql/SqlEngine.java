package io.cairn.query.internal.sql;

import io.cairn.api.store.StoreUnavailableException;
import io.cairn.api.store.TimeSeriesStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.schema.SchemaPlus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs SQL over a store with Calcite: answers catalog statements itself, prepares everything else
 * on a fresh Calcite connection whose schemas mirror the store's catalog, binds the parameters,
 * enforces the timeout (cancelling the statement) and the row limit.
 */
public final class SqlEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqlEngine.class);
    private static final String EXPLAIN = "EXPLAIN PLAN FOR ";
    private static final String BINDABLE_CACHE = "calcite.bindable.cache.maxSize";

    static {
        // Generated code keeps per-statement values in the data context, so equal plans share one
        // compiled class: cache them (read by the embedded Calcite only, before its first use).
        if (System.getProperty(BINDABLE_CACHE) == null) {
            System.setProperty(BINDABLE_CACHE, "256");
        }
    }

    private final SqlLimits limits;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cairn-sql-timeout");
        t.setDaemon(true);
        return t;
    });

    public SqlEngine(SqlLimits limits) {
        this.limits = limits;
    }

    public SqlLimits limits() {
        return limits;
    }

    /**
     * Runs a statement and returns its result, at most {@link SqlLimits#maxRows()} rows.
     *
     * @throws SqlQueryException 400 INVALID_QUERY for a statement Calcite rejects, 504 QUERY_TIMEOUT
     * @throws StoreUnavailableException when the store cannot serve now
     */
    public SqlResult query(TimeSeriesStore store, String database, String sql, List<Object> params) {
        Optional<SqlResult> catalog = CatalogStatements.answer(store, database, sql);
        if (catalog.isPresent()) {
            return catalog.get();
        }
        ColumnNameQuoting quoting = ColumnNameQuoting.of(sql);
        return run(store, database, quoting, quoting.sql(), 0, params);
    }

    /** Returns Calcite's plan of a statement, naming what the scans push into the store. */
    public String explain(TimeSeriesStore store, String database, String sql, List<Object> params) {
        if (CatalogStatements.answer(store, database, sql).isPresent()) {
            return "CatalogStatement: answered from the store's catalog";
        }
        ColumnNameQuoting quoting = ColumnNameQuoting.of(sql);
        SqlResult plan = run(store, database, quoting, EXPLAIN + quoting.sql(), EXPLAIN.length(), params);
        StringBuilder text = new StringBuilder();
        for (Object[] row : plan.rows()) {
            text.append(row[0]);
        }
        return text.toString().trim();
    }

    private SqlResult run(TimeSeriesStore store, String database, ColumnNameQuoting quoting, String text, int prefix,
            List<Object> params) {
        AtomicBoolean timedOut = new AtomicBoolean();
        try (Connection connection = connect(store, database);
                PreparedStatement statement = connection.prepareStatement(text)) {
            ParameterBinding.bind(statement, params);
            ScheduledFuture<?> cancel = timer.schedule(() -> cancel(statement, timedOut),
                    limits.timeoutMillis(), TimeUnit.MILLISECONDS);
            try (ResultSet rs = statement.executeQuery()) {
                return ResultRows.read(rs, limits.maxRows(), timedOut);
            } finally {
                cancel.cancel(false);
            }
        } catch (SQLException | RuntimeException e) {
            if (timedOut.get()) {
                throw SqlQueryException.timeout(limits.timeoutMillis());
            }
            StoreUnavailableException unavailable = find(e, StoreUnavailableException.class);
            if (unavailable != null) {
                throw unavailable;
            }
            SqlQueryException client = SqlErrors.translate(e, quoting, prefix);
            if (client != null) {
                throw client;
            }
            LOG.warn("SQL statement failed: {}", text, e);
            throw new SqlQueryException(500, "INTERNAL_ERROR", "the statement failed: " + rootMessage(e), Map.of());
        }
    }

    private static void cancel(PreparedStatement statement, AtomicBoolean timedOut) {
        timedOut.set(true);
        try {
            statement.cancel();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("cancelling a statement failed", e);
        }
    }

    private static Connection connect(TimeSeriesStore store, String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty(CalciteConnectionProperty.QUOTING.camelName(), "DOUBLE_QUOTE");
        p.setProperty(CalciteConnectionProperty.UNQUOTED_CASING.camelName(), "UNCHANGED");
        p.setProperty(CalciteConnectionProperty.QUOTED_CASING.camelName(), "UNCHANGED");
        p.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
        p.setProperty(CalciteConnectionProperty.TIME_ZONE.camelName(), "UTC");
        p.setProperty(CalciteConnectionProperty.CONFORMANCE.camelName(), "LENIENT");
        p.setProperty(CalciteConnectionProperty.TYPE_SYSTEM.camelName(), CairnTypeSystem.class.getName() + "#INSTANCE");
        Connection connection = new Driver().connect("jdbc:calcite:", p);
        try {
            CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
            SchemaPlus root = calcite.getRootSchema();
            List<String> databases = new ArrayList<>(store.databases());
            if (!databases.contains(database)) {
                databases.add(database);
            }
            for (String db : databases) {
                root.add(db, new DatabaseSchema(store, db));
            }
            CairnFunctions.addTo(root);
            calcite.setSchema(database);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
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
        timer.shutdownNow();
    }
}
