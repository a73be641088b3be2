package io.cairn.store.clickhouse.internal;

import static io.cairn.store.clickhouse.internal.SqlText.identifier;
import static io.cairn.store.clickhouse.internal.SqlText.literal;

import com.clickhouse.data.ClickHouseFormat;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The series of each table in the small shared table {@value TableCatalog#SERIES} (table, series key), so
 * counting a measurement's series or looking one up reads a few rows instead of the whole data (the ingest
 * asks for the count on every write request). A series is registered before its first rows are inserted; this
 * node remembers what it registered since it started and sends only new series. Like the LMDB store's index,
 * a series stays registered when retention deletes its points.
 */
final class SeriesRegistry {
    private final ServerConnection server;
    private final String qualified;
    private final Map<String, Set<String>> registered = new ConcurrentHashMap<>();
    private final Map<String, Map<Long, String>> byHash = new ConcurrentHashMap<>();
    private final Set<String> colliding = ConcurrentHashMap.newKeySet();

    SeriesRegistry(ServerConnection server) {
        this.server = server;
        this.qualified = identifier(server.settings().database()) + "." + identifier(TableCatalog.SERIES);
    }

    /** Returns the DDL of the registry table. */
    String createStatement() {
        return "CREATE TABLE IF NOT EXISTS " + qualified + " (tbl String, series String)"
                + " ENGINE = ReplacingMergeTree ORDER BY (tbl, series)";
    }

    /** Registers the series of a batch that this node has not registered yet. */
    void register(String table, WriteBatch batch) {
        Set<String> known = registered.computeIfAbsent(table, t -> ConcurrentHashMap.newKeySet());
        List<String> fresh = new ArrayList<>();
        for (Tags tags : batch.series()) {
            String key = Names.seriesKey(tags);
            if (!known.contains(key)) {
                fresh.add(key);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        byte[] tableName = RowBinaryWriter.encodedString(table);
        server.insert(qualified, List.of("tbl", "series"), out -> {
            RowBinaryWriter w = new RowBinaryWriter(out);
            for (String key : fresh) {
                w.writeEncoded(tableName);
                w.writeString(key);
            }
            w.flush();
        }, ClickHouseFormat.RowBinary);
        known.addAll(fresh);
    }

    /** Registers every series a table holds (a table of an older version, which had no registry). */
    void backfill(String table, String qualifiedTable) {
        server.execute("INSERT INTO " + qualified + " (tbl, series) SELECT " + literal(table) + ", series FROM "
                + qualifiedTable + " GROUP BY series");
    }

    /** Forgets what this node registered in a table, after a failed write (the server may have lost it). */
    void forget(String table) {
        registered.remove(table);
    }

    /**
     * Returns whether the series keys of a table can be told apart by their {@code cityHash64} (which raw scans
     * sort and send instead of the keys), loading the keys by hash once; false in the unlikely case of a collision.
     */
    boolean hashesUnique(String table) {
        if (colliding.contains(table)) {
            return false;
        }
        if (!byHash.containsKey(table)) {
            Map<Long, String> names = new ConcurrentHashMap<>();
            for (String[] row : server.rows("SELECT cityHash64(series), series FROM " + qualified + " WHERE tbl = "
                    + literal(table) + " FORMAT TabSeparated")) {
                if (!add(table, names, Long.parseUnsignedLong(row[0]), row[1])) {
                    return false;
                }
            }
            byHash.put(table, names);
        }
        return true;
    }

    /** Returns the series key of a hash that {@link #hashesUnique} vouched for, asking the server for new series. */
    String seriesOf(String table, long hash) {
        Map<Long, String> names = byHash.computeIfAbsent(table, t -> new ConcurrentHashMap<>());
        String key = names.get(hash);
        if (key != null) {
            return key;
        }
        for (String[] row : server.rows("SELECT series FROM " + qualified + " WHERE tbl = " + literal(table)
                + " AND cityHash64(series) = " + Long.toUnsignedString(hash) + " FORMAT TabSeparated")) {
            if (!add(table, names, hash, row[0])) {
                throw new StoreUnavailableException("two series of " + table + " share a hash; the next scan sorts by key");
            }
        }
        key = names.get(hash);
        if (key == null) {
            throw new StoreUnavailableException("a series of " + table + " is missing from " + TableCatalog.SERIES);
        }
        return key;
    }

    private boolean add(String table, Map<Long, String> names, long hash, String key) {
        String before = names.putIfAbsent(hash, key);
        if (before != null && !before.equals(key)) {
            colliding.add(table);
            byHash.remove(table);
            return false;
        }
        return true;
    }

    /** Returns the keys of every series registered for a table. */
    List<String> keys(String table) {
        List<String> keys = new ArrayList<>();
        for (String[] row : server.rows("SELECT DISTINCT series FROM " + qualified + " WHERE tbl = " + literal(table)
                + " FORMAT TabSeparated")) {
            keys.add(row[0]);
        }
        return keys;
    }

    long count(String table) {
        return Long.parseLong(server.rows("SELECT uniqExact(series) FROM " + qualified + " WHERE tbl = "
                + literal(table) + " FORMAT TabSeparated").get(0)[0]);
    }

    boolean exists(String table, Tags tags) {
        return !server.rows("SELECT 1 FROM " + qualified + " WHERE tbl = " + literal(table) + " AND series = "
                + literal(Names.seriesKey(tags)) + " LIMIT 1 FORMAT TabSeparated").isEmpty();
    }
}
