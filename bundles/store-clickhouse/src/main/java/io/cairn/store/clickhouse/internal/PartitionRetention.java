package io.cairn.store.clickhouse.internal;

import static io.cairn.store.clickhouse.internal.SqlText.literal;

import io.cairn.api.store.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes the points of a measurement older than a time: partitions whose newest point is older
 * are dropped whole (ALTER TABLE DROP PARTITION, instant); when a partition straddles the time,
 * its older rows are deleted by a mutation (ALTER TABLE DELETE), which this waits for.
 */
final class PartitionRetention {
    private static final long MUTATION_WAIT_MILLIS = 60_000;

    private final ServerConnection server;
    private final TableCatalog catalog;

    PartitionRetention(ServerConnection server, TableCatalog catalog) {
        this.server = server;
        this.catalog = catalog;
    }

    /** Deletes and returns the number of points deleted. */
    long deleteBefore(MeasurementSchema schema, long timeNanos) {
        String table = schema.table();
        String qualified = catalog.qualified(table);
        List<String[]> partitions = server.rows("SELECT " + schema.partitionKey() + " AS p, countIf(time < "
                + timeNanos + "), max(time) FROM " + qualified + " FINAL GROUP BY p HAVING countIf(time < " + timeNanos
                + ") > 0 FORMAT TabSeparated");
        long deleted = 0;
        List<String> whole = new ArrayList<>();
        boolean partial = false;
        for (String[] p : partitions) {
            deleted += Long.parseLong(p[1]);
            if (Long.parseLong(p[2]) < timeNanos) {
                whole.add(p[0]);
            } else {
                partial = true;
            }
        }
        for (String partition : whole) {
            server.execute("ALTER TABLE " + qualified + " DROP PARTITION " + Long.parseLong(partition));
        }
        if (partial) {
            server.execute("ALTER TABLE " + qualified + " DELETE WHERE time < " + timeNanos);
            awaitMutations(table);
        }
        return deleted;
    }

    private void awaitMutations(String table) {
        long deadline = System.nanoTime() + MUTATION_WAIT_MILLIS * 1_000_000;
        String sql = "SELECT count() FROM system.mutations WHERE database = " + literal(server.settings().database())
                + " AND table = " + literal(table) + " AND is_done = 0 FORMAT TabSeparated";
        while (!server.rows(sql).get(0)[0].equals("0")) {
            if (System.nanoTime() > deadline) {
                throw new StoreUnavailableException("ClickHouse did not finish deleting old rows of " + table + " in time");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreUnavailableException("interrupted while waiting for a deletion", e);
            }
        }
    }
}
