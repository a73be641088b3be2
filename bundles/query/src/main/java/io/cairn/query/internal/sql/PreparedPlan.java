package io.cairn.query.internal.sql;

import io.cairn.api.store.TimeSeriesStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.server.CalciteServerStatement;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.RelRunner;
import org.apache.calcite.schema.SchemaPlus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A statement parsed, validated, optimised and compiled on its own Calcite connection, whose schemas read the
 * store through a {@link StatementCatalog}: it runs again for any store showing the same catalog, one execution
 * at a time.
 */
final class PreparedPlan implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PreparedPlan.class);

    private final Connection connection;
    private final PreparedStatement statement;
    private final StatementCatalog catalog;
    private final boolean relational;

    private PreparedPlan(Connection connection, PreparedStatement statement, StatementCatalog catalog,
            boolean relational) {
        this.connection = connection;
        this.statement = statement;
        this.catalog = catalog;
        this.relational = relational;
    }

    /** Prepares a statement over a store; the planner stops once {@code cancelled} is set. */
    static PreparedPlan prepare(TimeSeriesStore store, String database, String sql, AtomicBoolean cancelled)
            throws SQLException {
        StatementCatalog catalog = new StatementCatalog(store);
        Connection connection = connect(catalog, database, cancelled);
        try {
            return new PreparedPlan(connection, connection.prepareStatement(sql), catalog, false);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Prepares a relational statement over a store through the same planner as SQL. */
    static PreparedPlan prepare(TimeSeriesStore store, String database, RelationalStatement relational,
            AtomicBoolean cancelled) throws SQLException {
        StatementCatalog catalog = new StatementCatalog(store);
        Connection connection = connect(catalog, database, cancelled);
        try {
            CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
            FrameworkConfig config = Frameworks.newConfigBuilder()
                    .defaultSchema(calcite.getRootSchema().getSubSchema(database)).build();
            RelNode rel;
            try (Statement server = connection.createStatement()) {
                rel = new CancellablePrepare(cancelled).perform(server.unwrap(CalciteServerStatement.class), config,
                        (cluster, tables, root, unused) -> relational.build(
                                RelFactories.LOGICAL_BUILDER.create(cluster, tables), (SqlOperatorTable) tables));
            }
            return new PreparedPlan(connection, connection.unwrap(RelRunner.class).prepareStatement(rel), catalog,
                    true);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Binds the values of the {@code ?} markers: through JDBC for SQL, into the catalog for a relational plan. */
    void bindValues(List<Object> values) throws SQLException {
        if (relational) {
            catalog.values(List.copyOf(values));
        } else {
            ParameterBinding.bind(statement, values);
        }
    }

    PreparedStatement statement() {
        return statement;
    }

    /** Returns whether the plan is valid over a store: it shows the catalog the plan was built from. */
    boolean validFor(TimeSeriesStore store) {
        return catalog.matches(store);
    }

    /** Makes the statement's scans read a store (null: none, between executions). */
    void bind(TimeSeriesStore store) {
        catalog.bind(store);
        if (store == null) {
            catalog.values(null);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("closing a Calcite connection failed", e);
        }
    }

    private static Connection connect(StatementCatalog catalog, String database, AtomicBoolean cancelled)
            throws SQLException {
        Properties p = new Properties();
        p.setProperty(CalciteConnectionProperty.QUOTING.camelName(), "DOUBLE_QUOTE");
        p.setProperty(CalciteConnectionProperty.UNQUOTED_CASING.camelName(), "UNCHANGED");
        p.setProperty(CalciteConnectionProperty.QUOTED_CASING.camelName(), "UNCHANGED");
        p.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
        p.setProperty(CalciteConnectionProperty.TIME_ZONE.camelName(), "UTC");
        p.setProperty(CalciteConnectionProperty.CONFORMANCE.camelName(), "LENIENT");
        p.setProperty(CalciteConnectionProperty.TYPE_SYSTEM.camelName(), CairnTypeSystem.class.getName() + "#INSTANCE");
        Connection connection = new Driver().withPrepareFactory(() -> new CancellablePrepare(cancelled))
                .connect("jdbc:calcite:", p);
        try {
            CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
            SchemaPlus root = calcite.getRootSchema();
            List<String> databases = new ArrayList<>(catalog.databases());
            if (!databases.contains(database)) {
                databases.add(database);
            }
            for (String db : databases) {
                root.add(db, new DatabaseSchema(catalog, db));
            }
            CairnFunctions.addTo(root);
            calcite.setSchema(database);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }
}
