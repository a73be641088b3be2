package io.cairn.store.clickhouse.internal;

import static io.cairn.store.clickhouse.internal.SqlText.identifier;
import static io.cairn.store.clickhouse.internal.SqlText.literal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.StoreUnavailableException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates and remembers the tables of measurements: the store's database, a catalog table
 * ({@value #CATALOG}) naming measurements and field types, the series registry ({@value #SERIES}) and the
 * rewrite marks ({@value #MARKS}), one ReplacingMergeTree table per measurement, and a tag column added by ALTER TABLE when a new tag key arrives. Several Cairn
 * nodes may share the database: every statement is idempotent and a miss in the local cache
 * reloads from the server.
 */
final class TableCatalog {
    static final String CATALOG = "cairn_catalog";
    /** The table of every measurement's series (see {@link SeriesRegistry}). */
    static final String SERIES = "cairn_series";
    /** The table of writes that may repeat stored rows (see {@link RewriteMarks}). */
    static final String MARKS = "cairn_rewrites";

    private final ServerConnection server;
    private final SeriesRegistry registry;
    private final RewriteMarks marks;
    private final String database;
    private final boolean partitionByMonth;
    /** How long a loaded schema answers reads (scans, catalog questions) without asking the server again. */
    static final long READ_CACHE_NANOS = 1_000_000_000L;

    private final Map<String, MeasurementSchema> cache = new ConcurrentHashMap<>();
    private final Map<String, Long> loadedAt = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private volatile boolean started;

    TableCatalog(ServerConnection server, SeriesRegistry registry, RewriteMarks marks) {
        this.server = server;
        this.registry = registry;
        this.marks = marks;
        this.database = server.settings().database();
        this.partitionByMonth = server.settings().partitionByMonth();
    }

    /** Returns the quoted name of a table of the store's database. */
    String qualified(String table) {
        return identifier(database) + "." + identifier(table);
    }

    /** Returns the expression a table is partitioned by. */
    String partitionExpression() {
        return (partitionByMonth ? "toYYYYMM" : "toYYYYMMDD") + "(toDateTime(intDiv(time, 1000000000)))";
    }

    /** Creates the database and the catalog table once. */
    void start() {
        if (started) {
            return;
        }
        server.execute("CREATE DATABASE IF NOT EXISTS " + identifier(database));
        server.execute("CREATE TABLE IF NOT EXISTS " + qualified(CATALOG)
                + " (db String, measurement String, kind String, name String, type String, tbl String)"
                + " ENGINE = ReplacingMergeTree ORDER BY (db, measurement, kind, name)");
        server.execute(registry.createStatement());
        server.execute(marks.createStatement());
        started = true;
    }

    /**
     * Returns the schema of a measurement as the server has it now, or null when it has no table. A table that an
     * older version created (no series registry, no rewrite marks) is adopted first: see {@link #adopt}.
     */
    MeasurementSchema load(String db, String measurement) {
        start();
        String table = Names.table(db, measurement);
        Set<String> tagColumns = new HashSet<>();
        Map<String, FieldType> fields = new HashMap<>();
        String partitionKey = null;
        boolean tracked = false;
        for (String[] row : server.rows("SELECT 'c', name, '' FROM system.columns WHERE database = " + literal(database)
                + " AND table = " + literal(table)
                + " UNION ALL SELECT 'p', partition_key, '' FROM system.tables WHERE database = " + literal(database)
                + " AND name = " + literal(table)
                + " UNION ALL SELECT kind, name, type FROM " + qualified(CATALOG) + " FINAL WHERE db = " + literal(db)
                + " AND measurement = " + literal(measurement) + " AND kind IN ('f', 't') FORMAT TabSeparated")) {
            switch (row[0]) {
                case "c" -> {
                    if (Names.tagKey(row[1]) != null) {
                        tagColumns.add(row[1]);
                    }
                }
                case "p" -> partitionKey = row[1];
                case "t" -> tracked = true;
                default -> fields.put(row[1], FieldType.valueOf(row[2]));
            }
        }
        if (partitionKey == null) {
            cache.remove(key(db, measurement));
            return null;
        }
        if (!tracked) {
            adopt(db, measurement, table);
        }
        MeasurementSchema schema = new MeasurementSchema(table, tagColumns, fields, partitionKey, true);
        cache.put(key(db, measurement), schema);
        loadedAt.put(key(db, measurement), System.nanoTime());
        return schema;
    }

    /**
     * Returns the schema of a measurement for a read: as loaded less than {@link #READ_CACHE_NANOS} ago (or as this
     * node changed it since), else loaded now. Another node's new field or tag shows up to that much later.
     */
    MeasurementSchema loadForRead(String db, String measurement) {
        String key = key(db, measurement);
        Long at = loadedAt.get(key);
        MeasurementSchema cached = cache.get(key);
        if (cached != null && at != null && System.nanoTime() - at < READ_CACHE_NANOS) {
            return cached;
        }
        return load(db, measurement);
    }

    /**
     * Takes over a table of an older version, which read with FINAL always: marks it whole as possibly holding
     * repeated rows (until the compactor merged it, reads use FINAL), registers its series, then records it as
     * tracked. Several nodes doing this at once is harmless.
     */
    private void adopt(String db, String measurement, String table) {
        marks.markWhole(table);
        registry.backfill(table, qualified(table));
        server.execute("INSERT INTO " + qualified(CATALOG) + " VALUES (" + literal(db) + ", " + literal(measurement)
                + ", 't', '', '', " + literal(table) + ")");
    }

    /** Forgets what is known of a measurement, after a failed write. */
    void forget(String db, String measurement) {
        cache.remove(key(db, measurement));
        loadedAt.remove(key(db, measurement));
        started = false;
    }

    /**
     * Makes sure a batch can be inserted: its table, tag columns and fields exist, and no field
     * has another type than the one recorded.
     *
     * @throws IllegalArgumentException if a field's type conflicts, before anything is written
     */
    MeasurementSchema prepare(WriteBatch batch) {
        String db = batch.database();
        String measurement = batch.measurement();
        Set<String> columns = tagColumns(batch);
        MeasurementSchema cached = cache.get(key(db, measurement));
        if (cached != null && cached.tagColumns().containsAll(columns) && knowsFields(cached, batch)) {
            checkTypes(cached, batch);
            return cached;
        }
        // one writer at a time changes a measurement's schema here, so two first writes of a field cannot
        // record two types (several Cairn nodes writing the same new field at once still can)
        synchronized (locks.computeIfAbsent(key(db, measurement), k -> new Object())) {
            return prepareChanges(batch, db, measurement, columns);
        }
    }

    private MeasurementSchema prepareChanges(WriteBatch batch, String db, String measurement, Set<String> columns) {
        MeasurementSchema schema = load(db, measurement);
        if (schema != null) {
            checkTypes(schema, batch);
        }
        if (schema == null) {
            createTable(db, measurement, columns);
            schema = load(db, measurement);
            if (schema == null) {
                throw new StoreUnavailableException("ClickHouse did not create the table of " + measurement);
            }
        }
        Set<String> missing = new LinkedHashSet<>(columns);
        missing.removeAll(schema.tagColumns());
        if (!missing.isEmpty()) {
            addColumns(schema.table(), missing);
            schema = load(db, measurement);
        }
        Map<String, FieldType> newFields = new LinkedHashMap<>();
        for (FieldColumn c : batch.fields()) {
            if (!schema.fields().containsKey(c.name())) {
                newFields.put(c.name(), c.type());
            }
        }
        if (!newFields.isEmpty()) {
            StringJoiner values = new StringJoiner(", ");
            newFields.forEach((name, type) -> values.add("(" + literal(db) + ", " + literal(measurement) + ", 'f', "
                    + literal(name) + ", " + literal(type.name()) + ", '')"));
            server.execute("INSERT INTO " + qualified(CATALOG) + " VALUES " + values);
            schema = schema.withFields(newFields);
            cache.put(key(db, measurement), schema);
        }
        return schema;
    }

    private void createTable(String db, String measurement, Set<String> tagColumns) {
        String table = Names.table(db, measurement);
        StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(qualified(table))
                .append(" (series String, field String, time Int64, f64 Float64, i64 Int64, str String");
        for (String column : tagColumns) {
            ddl.append(", ").append(identifier(column)).append(" String");
        }
        ddl.append(") ENGINE = ReplacingMergeTree PARTITION BY ").append(partitionExpression())
                .append(" ORDER BY (series, field, time)");
        // 't' first: the table is tracked (series registry, rewrite marks) from its first row on, and a reader
        // that sees the new table never takes it for one of an older version to adopt
        server.execute("INSERT INTO " + qualified(CATALOG) + " VALUES (" + literal(db) + ", " + literal(measurement)
                + ", 't', '', '', " + literal(table) + ")");
        server.execute(ddl.toString());
        server.execute("INSERT INTO " + qualified(CATALOG) + " VALUES (" + literal(db) + ", " + literal(measurement)
                + ", 'm', '', '', " + literal(table) + ")");
    }

    private void addColumns(String table, Set<String> columns) {
        for (String column : columns) {
            try {
                server.execute("ALTER TABLE " + qualified(table) + " ADD COLUMN " + identifier(column)
                        + " String");
            } catch (StoreUnavailableException e) {
                // 18.16 has no ADD COLUMN IF NOT EXISTS: another node may have added it; the reload decides.
                if (!server.rows("SELECT name FROM system.columns WHERE database = " + literal(database)
                        + " AND table = " + literal(table) + " AND name = " + literal(column)
                        + " FORMAT TabSeparated").isEmpty()) {
                    continue;
                }
                throw e;
            }
        }
    }

    private static void checkTypes(MeasurementSchema schema, WriteBatch batch) {
        for (FieldColumn c : batch.fields()) {
            FieldType stored = schema.fields().get(c.name());
            if (stored != null && stored != c.type()) {
                throw new IllegalArgumentException("field " + c.name() + " of " + batch.measurement()
                        + " is stored as " + stored + ", cannot write " + c.type());
            }
        }
    }

    private static boolean knowsFields(MeasurementSchema schema, WriteBatch batch) {
        for (FieldColumn c : batch.fields()) {
            if (!schema.fields().containsKey(c.name())) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> tagColumns(WriteBatch batch) {
        Set<String> columns = new LinkedHashSet<>();
        for (Tags tags : batch.series()) {
            for (int i = 0; i < tags.size(); i++) {
                columns.add(Names.tagColumn(tags.key(i)));
            }
        }
        return columns;
    }

    private static String key(String db, String measurement) {
        return db + "\0" + measurement;
    }
}
