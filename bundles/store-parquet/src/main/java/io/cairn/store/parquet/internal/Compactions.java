package io.cairn.store.parquet.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which partitions to compact, runs compactions in the background at an interval or on
 * demand, and remembers the last runs for the admin endpoint.
 */
final class Compactions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Compactions.class);
    private static final int KEPT_RUNS = 50;
    private static final long QUIET_NANOS = 10L * 60 * 1_000_000_000L;

    private final StoreFiles files;
    private final PartitionCompactor compactor;
    private final IntSupplier minFiles;
    private final Deque<CompactionRun> lastRuns = new ArrayDeque<>();
    private ScheduledExecutorService scheduler;

    Compactions(StoreFiles files, PartitionCompactor compactor, IntSupplier minFiles) {
        this.files = files;
        this.compactor = compactor;
        this.minFiles = minFiles;
    }

    /** Starts (or restarts) the background runs; an interval of 0 stops them. */
    synchronized void schedule(long intervalSeconds) {
        stop();
        if (intervalSeconds > 0) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "cairn-parquet-compaction");
                t.setDaemon(true);
                return t;
            });
            scheduler.scheduleWithFixedDelay(this::runQuietly, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
        }
    }

    private void runQuietly() {
        try {
            run(false);
        } catch (RuntimeException e) {
            LOG.warn("compaction failed: {}", e.toString());
        }
    }

    /** Returns whether a partition is due: several files, and either enough of them or an hour that is over. */
    boolean isDue(Partition p, long nowNanos) {
        int n = p.files().size();
        boolean closed = (p.hour() + 1) * PartitionPaths.HOUR_NANOS + QUIET_NANOS < nowNanos;
        return n >= 2 && (closed || n >= minFiles.getAsInt());
    }

    /** Compacts every due partition (every partition with two files or more when forced). */
    List<CompactionRun> run(boolean force) {
        long now = System.currentTimeMillis() * 1_000_000L;
        List<CompactionRun> runs = new ArrayList<>();
        for (MeasurementFiles m : files.all()) {
            for (Partition p : m.partitions()) {
                if (!force && !isDue(p, now)) {
                    continue;
                }
                CompactionRun run;
                long started = System.currentTimeMillis();
                try {
                    run = compactor.rewrite(files.root(), p, RowFilter.all(), 2);
                } catch (RuntimeException e) {
                    LOG.warn("compaction of {} failed: {}", p.dir(), e.toString());
                    run = new CompactionRun(files.root().relativize(p.dir()).toString(), started,
                            System.currentTimeMillis() - started, p.files().size(), 0, 0, 0, e.toString());
                }
                if (run != null) {
                    runs.add(run);
                    remember(run);
                }
            }
        }
        return runs;
    }

    synchronized void remember(CompactionRun run) {
        lastRuns.addFirst(run);
        while (lastRuns.size() > KEPT_RUNS) {
            lastRuns.removeLast();
        }
    }

    /** Returns files and bytes per partition, the partitions due, and the last runs. */
    Map<String, Object> status() {
        long now = System.currentTimeMillis() * 1_000_000L;
        List<Map<String, Object>> partitions = new ArrayList<>();
        int due = 0;
        for (MeasurementFiles m : files.all()) {
            for (Partition p : m.partitions()) {
                if (p.files().isEmpty()) {
                    continue;
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("database", m.database());
                entry.put("measurement", m.measurement());
                entry.put("partition", files.root().relativize(p.dir()).toString());
                entry.put("files", p.files().size());
                entry.put("rows", p.files().stream().mapToLong(DataFile::rows).sum());
                entry.put("bytes", p.files().stream().mapToLong(DataFile::bytes).sum());
                boolean isDue = isDue(p, now);
                entry.put("due", isDue);
                due += isDue ? 1 : 0;
                partitions.add(entry);
            }
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("partitions", partitions);
        status.put("pending", due);
        synchronized (this) {
            status.put("lastRuns", new ArrayList<>(lastRuns));
        }
        return status;
    }

    private void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized void close() {
        stop();
    }
}
