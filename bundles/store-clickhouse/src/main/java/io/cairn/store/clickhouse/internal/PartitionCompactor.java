package io.cairn.store.clickhouse.internal;

import static io.cairn.store.clickhouse.internal.SqlText.identifier;
import static io.cairn.store.clickhouse.internal.SqlText.literal;

import io.cairn.api.store.StoreUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background task that makes marked partitions readable without FINAL again (polling every second while
 * this node has written marks that are open): once every mark of a table
 * ({@link RewriteMarks}) is settled and none came for a quiet while, it merges each partition the marks touch
 * with {@code OPTIMIZE TABLE … PARTITION … FINAL} (which keeps one row per key), then clears the marks. A merge
 * the server cannot start now (a background merge holds the parts) fails and is tried again on the next round.
 */
final class PartitionCompactor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionCompactor.class);
    private static final Map<String, String> THROW_IF_NOOP = Map.of("optimize_throw_if_noop", "1");

    private final ServerConnection server;
    private final RewriteMarks marks;
    private final int quietSeconds;
    private final long leaseSeconds;
    private ScheduledExecutorService timer;

    PartitionCompactor(ServerConnection server, RewriteMarks marks, int quietSeconds) {
        this.server = server;
        this.marks = marks;
        this.quietSeconds = quietSeconds;
        this.leaseSeconds = (server.settings().connectTimeoutMillis() + server.settings().socketTimeoutMillis()) / 1000 + 10;
    }

    /** Starts merging every second in a daemon thread. */
    synchronized void start() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cairn-clickhouse-compactor");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::runQuietly, 1, 1, TimeUnit.SECONDS);
        }
    }

    /** Merges what can be merged now; returns how many tables it cleared. */
    int runOnce() {
        int cleared = 0;
        for (RewriteMarks.Pending p : marks.mergeable(quietSeconds, leaseSeconds)) {
            if (merge(p)) {
                marks.clear(p.table(), p.marks());
                cleared++;
            }
        }
        return cleared;
    }

    private boolean merge(RewriteMarks.Pending p) {
        String database = server.settings().database();
        List<String[]> keys = server.rows("SELECT partition_key FROM system.tables WHERE database = " + literal(database)
                + " AND name = " + literal(p.table()) + " FORMAT TabSeparated");
        if (keys.isEmpty()) {
            return true; // the table is gone: nothing to merge
        }
        String table = identifier(database) + "." + identifier(p.table());
        String key = keys.get(0)[0];
        List<String[]> partitions = key.isEmpty() ? List.<String[]>of(new String[] {"tuple()"})
                : server.rows("SELECT DISTINCT " + key + " FROM " + table + " WHERE time <= " + p.maxTime()
                        + (p.minTime() == Long.MIN_VALUE ? "" : " AND time >= " + p.minTime()) + " FORMAT TabSeparated");
        for (String[] partition : partitions) {
            String which = key.isEmpty() ? "" : " PARTITION " + Long.parseLong(partition[0]);
            try {
                server.execute("OPTIMIZE TABLE " + table + which + " FINAL", THROW_IF_NOOP);
            } catch (StoreUnavailableException e) {
                LOG.debug("merging {}{} waits for the next round: {}", p.table(), which, e.getMessage());
                return false;
            }
        }
        LOG.debug("merged {} partitions of {} for {} marks", partitions.size(), p.table(), p.marks().size());
        return true;
    }

    /** The timer's round: idle (no query) until this node writes a mark, and again once no mark of any node is open. */
    private void runQuietly() {
        if (!marks.written()) {
            return;
        }
        try {
            runOnce();
            marks.noneOpen();
        } catch (RuntimeException e) {
            LOG.debug("partition merging failed; trying again later", e);
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
