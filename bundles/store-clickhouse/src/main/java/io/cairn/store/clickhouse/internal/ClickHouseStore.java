package io.cairn.store.clickhouse.internal;

import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.StoreCapability;
import io.cairn.api.store.StoreHealth;
import io.cairn.api.store.StoreUnavailableException;
import io.cairn.api.store.TimeSeriesStore;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scale-out store: Cairn's data in a ClickHouse server, one ReplacingMergeTree table per
 * measurement with a row per (series, field, time), inserted as RowBinary and read with FINAL so
 * replays never duplicate; filters and aggregations run in ClickHouse as SQL
 * ({@link #describe(ScanRequest)} shows it). See {@link TableCatalog} for the tables.
 */
@Component(service = TimeSeriesStore.class, immediate = true, configurationPid = "io.cairn.store.clickhouse",
        property = TimeSeriesStore.NAME_PROPERTY + "=clickhouse")
@Designate(ocd = ClickHouseStore.Config.class)
public final class ClickHouseStore implements TimeSeriesStore {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseStore.class);
    private static final Set<StoreCapability> CAPABILITIES = EnumSet.allOf(StoreCapability.class);

    /** Configuration of the ClickHouse store; blank values fall back to the framework properties cairn.clickhouse.*. */
    @ObjectClassDefinition(name = "Cairn ClickHouse store")
    public @interface Config {
        @AttributeDefinition(description = "HTTP URL(s) of ClickHouse, comma separated; empty means cairn.clickhouse.url, else http://127.0.0.1:8123")
        String url() default "";

        @AttributeDefinition(description = "ClickHouse database for Cairn's tables; empty means cairn.clickhouse.database, else cairn")
        String database() default "";

        @AttributeDefinition(description = "ClickHouse user; empty means cairn.clickhouse.user, else default")
        String user() default "";

        @AttributeDefinition(description = "Password; empty means cairn.clickhouse.password, else none", type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
        String password() default "";

        @AttributeDefinition(description = "Connect timeout in milliseconds")
        long connect_timeout_ms() default 3_000;

        @AttributeDefinition(description = "Socket (read) timeout in milliseconds")
        long socket_timeout_ms() default 60_000;

        @AttributeDefinition(description = "Most rows (field values) per INSERT")
        int batch_size() default 500_000;

        @AttributeDefinition(description = "Partitioning of new tables: day or month")
        String partition_by() default "day";
    }

    private final AtomicLong pointsWritten = new AtomicLong();
    private volatile Backend backend;

    @Activate
    public ClickHouseStore(Config config, BundleContext context) {
        this(ClickHouseSettings.resolve(config, context::getProperty));
    }

    ClickHouseStore(ClickHouseSettings settings) {
        backend = new Backend(settings);
        LOG.info("ClickHouse store on {}", settings);
    }

    /** Takes a changed configuration: new connection settings replace the connection; cairn.store.active needs nothing. */
    @Modified
    void modified(Config config, BundleContext context) {
        ClickHouseSettings settings = ClickHouseSettings.resolve(config, context::getProperty);
        Backend old = backend;
        if (!settings.equals(old.server.settings())) {
            backend = new Backend(settings);
            old.server.close();
            LOG.info("ClickHouse store now on {}", settings);
        }
    }

    @Deactivate
    void close() {
        backend.server.close();
    }

    @Override
    public String name() {
        return "clickhouse";
    }

    @Override
    public Set<StoreCapability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void write(WriteBatch batch) {
        if (batch.size() == 0) {
            return;
        }
        Backend b = backend;
        try {
            MeasurementSchema schema = b.catalog.prepare(batch);
            pointsWritten.addAndGet(b.inserter.insert(batch, schema));
        } catch (StoreUnavailableException e) {
            b.catalog.forget(batch.database(), batch.measurement());
            throw e;
        }
    }

    @Override
    public ScanCursor scan(ScanRequest request) {
        Backend b = backend;
        ScanSql sql = b.sql(request);
        if (sql.sql() == null) {
            return ScanCursor.of(List.of());
        }
        if (request.aggregation() == null) {
            return new RawRowsCursor(new TsvFields(b.server.stream(sql.sql()), ScanSql.RAW_COLUMN_COUNT), sql.fields(),
                    request.limit());
        }
        return ScanCursor.of(AggregateResult.batches(b.server.rows(sql.sql()), sql.groupKeys(), sql.fields(),
                request.aggregation()));
    }

    /** Returns the SQL a scan runs in ClickHouse, or a note saying why it runs none; for EXPLAIN. */
    @Override
    public String describe(ScanRequest request) {
        String sql = backend.sql(request).sql();
        return sql != null ? sql : "-- nothing can match: no such measurement, field or tag key";
    }

    @Override
    public List<String> databases() {
        return backend.queries.databases();
    }

    @Override
    public List<String> measurements(String database) {
        return backend.queries.measurements(database);
    }

    @Override
    public List<String> tagKeys(String database, String measurement) {
        return backend.queries.tagKeys(database, measurement);
    }

    @Override
    public List<String> tagValues(String database, String measurement, String key, int limit) {
        return backend.queries.tagValues(database, measurement, key, limit);
    }

    @Override
    public Map<String, FieldType> fields(String database, String measurement) {
        return backend.queries.fields(database, measurement);
    }

    @Override
    public long seriesCount(String database, String measurement) {
        return backend.queries.seriesCount(database, measurement);
    }

    @Override
    public boolean seriesExists(String database, String measurement, Tags tags) {
        return backend.queries.seriesExists(database, measurement, tags);
    }

    @Override
    public long deleteBefore(String database, String measurement, long timeNanos) {
        Backend b = backend;
        MeasurementSchema schema = b.catalog.load(database, measurement);
        return schema == null ? 0 : b.retention.deleteBefore(schema.table(), timeNanos);
    }

    @Override
    public StoreHealth health() {
        ClickHouseSettings settings = backend.server.settings();
        if (!backend.server.ping()) {
            return new StoreHealth(false, "ClickHouse at " + settings.urls() + " does not answer");
        }
        try {
            return new StoreHealth(true, "ClickHouse " + backend.queries.version() + " at " + settings.urls()
                    + ", database " + settings.database());
        } catch (StoreUnavailableException e) {
            return new StoreHealth(false, "ClickHouse at " + settings.urls() + " answers ping but not queries: "
                    + e.getMessage());
        }
    }

    @Override
    public Map<String, Number> stats() {
        Map<String, Number> stats = new java.util.LinkedHashMap<>();
        try {
            stats.putAll(backend.queries.storage());
        } catch (StoreUnavailableException e) {
            LOG.debug("stats without the server: {}", e.getMessage());
        }
        stats.put("points_written", pointsWritten.get());
        return stats;
    }

    /** One connection and the parts that use it, replaced together when the configuration changes. */
    private static final class Backend {
        final ServerConnection server;
        final TableCatalog catalog;
        final BatchInserter inserter;
        final PartitionRetention retention;
        final CatalogQueries queries;

        Backend(ClickHouseSettings settings) {
            server = new ServerConnection(settings);
            catalog = new TableCatalog(server);
            inserter = new BatchInserter(server, catalog);
            retention = new PartitionRetention(server, catalog);
            queries = new CatalogQueries(server, catalog);
        }

        ScanSql sql(ScanRequest request) {
            MeasurementSchema schema = catalog.load(request.database(), request.measurement());
            return new ScanSql(request, schema, schema == null ? null : catalog.qualified(schema.table()));
        }
    }
}
