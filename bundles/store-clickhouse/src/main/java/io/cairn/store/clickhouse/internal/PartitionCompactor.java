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
    /** Seconds a cleared mark is kept before it is deleted. */
    static final long KEEP_CLEARED_SECONDS = 3600;
    private static final long FORGET_EVERY_NANOS = 60_000_000_000L;

    private final long leaseSeconds;
    private final long keepClearedSeconds;
    private long lastForget;
    private boolean forgotOnce;
    private ScheduledExecutorService timer;

    PartitionCompactor(ServerConnection server, RewriteMarks marks, int quietSeconds) {
        this(server, marks, quietSeconds, KEEP_CLEARED_SECONDS);
    }

    /** Creates a compactor that also deletes marks cleared more than keepClearedSeconds ago (checked once a minute). */
    PartitionCompactor(ServerConnection server, RewriteMarks marks, int quietSeconds, long keepClearedSeconds) {
        this.server = server;
        this.marks = marks;
        this.quietSeconds = quietSeconds;
        this.keepClearedSeconds = keepClearedSeconds;
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

    /** Merges what can be merged now and deletes long-cleared marks (once a minute); returns how many tables it cleared. */
    int runOnce() {
        int cleared = 0;
        for (RewriteMarks.Pending p : marks.mergeable(quietSeconds, leaseSeconds)) {
            if (merge(p)) {
                marks.clear(p.table(), p.marks());
                cleared++;
            }
        }
        long now = System.nanoTime();
        if (!forgotOnce || now - lastForget >= FORGET_EVERY_NANOS) {
            forgotOnce = true;
            lastForget = now;
            int forgotten = marks.forgetCleared(keepClearedSeconds);
            if (forgotten > 0) {
                LOG.debug("deleted {} marks cleared more than {} s ago", forgotten, keepClearedSeconds);
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
