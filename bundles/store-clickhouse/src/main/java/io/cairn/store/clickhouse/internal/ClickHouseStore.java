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
 * measurement with a row per (series, field, time), inserted as RowBinary; writes that may repeat rows
 * are marked ({@link RewriteMarks}) and only reads of marked ranges use FINAL, so replays never duplicate; filters and aggregations run in ClickHouse as SQL
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

        @AttributeDefinition(description = "Seconds without new rewrite marks on a table before its marked partitions are merged (OPTIMIZE FINAL)")
        int compact_quiet_s() default DEFAULT_QUIET_SECONDS;

        @AttributeDefinition(description = "True when several Cairn nodes write this database: every read uses FINAL"
                + " (rewrite marks only know this node's writes); false (or cairn.clickhouse.shared unset) when one node does")
        boolean shared_database() default false;
    }

    /** Seconds without new rewrite marks before a table's marked partitions are merged. */
    static final int DEFAULT_QUIET_SECONDS = 2;

    private final AtomicLong pointsWritten = new AtomicLong();
    private final int quietSeconds;
    private volatile Backend backend;
    private volatile int maxLiteralChars = RowSelectionSql.MAX_LITERALS;

    @Activate
    public ClickHouseStore(Config config, BundleContext context) {
        this(ClickHouseSettings.resolve(config, context::getProperty), Math.max(0, config.compact_quiet_s()));
    }

    ClickHouseStore(ClickHouseSettings settings) {
        this(settings, DEFAULT_QUIET_SECONDS);
    }

    /** Creates a store whose compactor merges a table's marked partitions once no mark came for quietSeconds. */
    ClickHouseStore(ClickHouseSettings settings, int quietSeconds) {
        this.quietSeconds = quietSeconds;
        backend = new Backend(settings, quietSeconds);
        LOG.info("ClickHouse store on {}", settings);
    }

    /** Takes a changed configuration: new connection settings replace the connection; cairn.store.active needs nothing. */
    @Modified
    void modified(Config config, BundleContext context) {
        ClickHouseSettings settings = ClickHouseSettings.resolve(config, context::getProperty);
        Backend old = backend;
        if (!settings.equals(old.server.settings())) {
            backend = new Backend(settings, quietSeconds);
            old.close();
            LOG.info("ClickHouse store now on {}", settings);
        }
    }

    /** Sets the most characters of (series, time) literals a latest-rows scan sends; tests lower it. */
    void maxLiteralChars(int chars) {
        maxLiteralChars = chars;
    }

    @Deactivate
    void close() {
        backend.close();
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
            pointsWritten.addAndGet(b.write(batch));
        } catch (StoreUnavailableException e) {
            b.catalog.forget(batch.database(), batch.measurement());
            b.registry.forget(Names.table(batch.database(), batch.measurement()));
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
            String raw = sql.latestTimesSql() == null ? sql.sql()
                    : b.latest.rawSql(request, sql, b::sql, maxLiteralChars);
            if (raw == null) {
                return ScanCursor.of(List.of());
            }
            String table = sql.table();
            return new RawRowsCursor(new RowBinaryReader(b.server.stream(raw)), sql.fields(), request.limit(),
                    sql.hashedSeries() ? hash -> b.registry.seriesOf(table, hash) : null);
        }
        return ScanCursor.of(AggregateResult.batches(b.server.rows(sql.sql()), sql.groupKeys(), sql.fields(),
                request.aggregation()));
    }

    /**
     * Returns the SQL a scan runs in ClickHouse, or a note saying why it runs none; for EXPLAIN. A scan of the
     * latest rows per series runs it in two steps: the (series, time) pairs of its subquery first (from the newest
     * part of the range when that holds them all, {@link LatestRowsFinder}), then the rows at those pairs as
     * literals (so only their granules are read), unless the literals would be too long.
     */
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
        return schema == null ? 0 : b.retention.deleteBefore(schema, timeNanos);
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
        final SeriesRegistry registry;
        final RewriteMarks marks;
        final RewriteDetector rewrites;
        final PartitionCompactor compactor;
        final TableCatalog catalog;
        final BatchInserter inserter;
        final PartitionRetention retention;
        final CatalogQueries queries;
        final LatestRowsFinder latest;

        Backend(ClickHouseSettings settings, int quietSeconds) {
            server = new ServerConnection(settings);
            registry = new SeriesRegistry(server);
            marks = new RewriteMarks(server);
            rewrites = new RewriteDetector(server);
            compactor = new PartitionCompactor(server, marks, quietSeconds);
            catalog = new TableCatalog(server, registry, marks);
            inserter = new BatchInserter(server, catalog);
            retention = new PartitionRetention(server, catalog);
            queries = new CatalogQueries(server, catalog, registry);
            latest = new LatestRowsFinder(server, registry);
            compactor.start();
        }

        ScanSql sql(ScanRequest request) {
            MeasurementSchema schema = catalog.loadForRead(request.database(), request.measurement());
            if (schema == null) {
                return new ScanSql(request, null, null, false, false);
            }
            boolean deduplicate = server.settings().sharedDatabase() || !schema.tracked()
                    || marks.overlaps(schema.table(), request.startNanos(), request.endNanos());
            boolean hashed = request.aggregation() == null && registry.hashesUnique(schema.table());
            return new ScanSql(request, schema, catalog.qualified(schema.table()), deduplicate, hashed);
        }

        /**
         * Registers the batch's series, marks its rows that may repeat stored ones, inserts, and settles the mark
         * once the inserts in flight it overlapped have ended too.
         */
        long write(WriteBatch batch) {
            MeasurementSchema schema = catalog.prepare(batch);
            String table = schema.table();
            registry.register(table, batch);
            RewriteDetector.Plan plan = rewrites.plan(catalog.qualified(table), table, batch);
            boolean inserted = false;
            try {
                for (long[] failed : plan.failed()) {
                    marks.mark(table, failed[0], failed[1]);
                }
                rewrites.marked(plan);
                long[] range = plan.rewrite();
                long mark = range == null ? 0 : marks.mark(table, range[0], range[1]);
                long sent = inserter.insert(batch, schema);
                inserted = true;
                if (range != null) {
                    rewrites.afterOverlapped(plan, waited -> marks.settle(table, mark, range[0], range[1], waited));
                }
                return sent;
            } finally {
                rewrites.finish(plan, inserted);
            }
        }

        void close() {
            compactor.close();
            server.close();
        }
    }
}
