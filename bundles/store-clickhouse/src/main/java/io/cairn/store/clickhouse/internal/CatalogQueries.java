package io.cairn.store.clickhouse.internal;

import static io.cairn.store.clickhouse.internal.SqlText.identifier;
import static io.cairn.store.clickhouse.internal.SqlText.literal;

import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers the store's catalog questions in SQL: databases, measurements and field types from the
 * catalog table, tag keys from the table's columns (system.columns), tag values from the data, series
 * from the {@link SeriesRegistry}, sizes from system.parts.
 */
final class CatalogQueries {
    private final ServerConnection server;
    private final TableCatalog catalog;
    private final SeriesRegistry registry;

    CatalogQueries(ServerConnection server, TableCatalog catalog, SeriesRegistry registry) {
        this.server = server;
        this.catalog = catalog;
        this.registry = registry;
    }

    List<String> databases() {
        catalog.start();
        return column("SELECT DISTINCT db FROM " + catalog.qualified(TableCatalog.CATALOG)
                + " FINAL WHERE kind = 'm' ORDER BY db FORMAT TabSeparated");
    }

    List<String> measurements(String database) {
        catalog.start();
        return column("SELECT DISTINCT measurement FROM " + catalog.qualified(TableCatalog.CATALOG)
                + " FINAL WHERE kind = 'm' AND db = " + literal(database) + " ORDER BY measurement FORMAT TabSeparated");
    }

    List<String> tagKeys(String database, String measurement) {
        MeasurementSchema schema = catalog.loadForRead(database, measurement);
        if (schema == null) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        schema.tagColumns().forEach(c -> keys.add(Names.tagKey(c)));
        keys.sort(null);
        return keys;
    }

    List<String> tagValues(String database, String measurement, String key, int limit) {
        MeasurementSchema schema = catalog.loadForRead(database, measurement);
        if (schema == null || limit <= 0 || !schema.hasTag(key)) {
            return List.of();
        }
        String column = identifier(Names.tagColumn(key));
        return column("SELECT DISTINCT " + column + " AS v FROM " + catalog.qualified(schema.table())
                + " WHERE v != '' ORDER BY v LIMIT " + limit + " FORMAT TabSeparated");
    }

    Map<String, FieldType> fields(String database, String measurement) {
        MeasurementSchema schema = catalog.loadForRead(database, measurement);
        return schema == null ? Map.of() : new TreeMap<>(schema.fields());
    }

    long seriesCount(String database, String measurement) {
        MeasurementSchema schema = catalog.loadForRead(database, measurement);
        if (schema == null) {
            return 0;
        }
        return registry.count(schema.table());
    }

    boolean seriesExists(String database, String measurement, Tags tags) {
        MeasurementSchema schema = catalog.loadForRead(database, measurement);
        if (schema == null) {
            return false;
        }
        return registry.exists(schema.table(), tags);
    }

    /** Returns the server's version, e.g. {@code 18.16.1}. */
    String version() {
        return column("SELECT version() FORMAT TabSeparated").get(0);
    }

    /** Returns rows, bytes on disk and active parts of the store's database, and the server's version as a number. */
    Map<String, Number> storage() {
        Map<String, Number> out = new LinkedHashMap<>();
        String[] row = server.rows("SELECT sum(rows), sum(bytes_on_disk), count() FROM system.parts WHERE active AND database = "
                + literal(server.settings().database()) + " FORMAT TabSeparated").get(0);
        out.put("rows", Long.parseLong(row[0]));
        out.put("bytes_on_disk", Long.parseLong(row[1]));
        out.put("parts", Long.parseLong(row[2]));
        out.put("server_version", ServerVersion.parse(version()).number());
        return out;
    }

    private List<String> column(String sql) {
        List<String> out = new ArrayList<>();
        for (String[] row : server.rows(sql)) {
            out.add(row[0]);
        }
        return out;
    }
}
