package io.cairn.query.internal.sql;

import io.cairn.api.store.TimeSeriesStore;
import io.cairn.store.lmdb.internal.LmdbStores;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Prints the CPU time (this thread's, ThreadMXBean) and wall time per statement and per EXPLAIN over the LMDB
 * store with {@link CpuData}, planned every time and from the plan cache, back to back. Not a test: run its main.
 */
public final class PlanCacheFigures {
    private static final List<Object> PARAMS = List.of("a", "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z");
    private static final String HOURLY = "SELECT time_bucket('1 hour', time) AS b, max(usage) FROM cpu"
            + " WHERE host = ? AND time >= ? AND time < ? GROUP BY b ORDER BY b";
    private static final String RAW = "SELECT time, usage, requests FROM cpu WHERE host = ? AND time >= ? AND time < ?";

    private PlanCacheFigures() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("plan-cache-figures");
        TimeSeriesStore store = LmdbStores.open(dir);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try {
            CpuData.write(store);
            for (int round = 0; round < 2; round++) {
                for (String sql : List.of(HOURLY, RAW)) {
                    for (int cache : new int[] {0, SqlEngine.DEFAULT_PLAN_CACHE_SIZE}) {
                        try (SqlEngine engine = new SqlEngine(SqlLimits.DEFAULTS, cache)) {
                            for (int i = 0; i < 50; i++) {
                                engine.query(store, CpuData.DB, sql, PARAMS);
                            }
                            int n = 200;
                            long cpu = threads.getCurrentThreadCpuTime();
                            long wall = System.nanoTime();
                            for (int i = 0; i < n; i++) {
                                engine.query(store, CpuData.DB, sql, PARAMS);
                            }
                            print(sql == HOURLY ? "hourly max" : "raw 1 day", cache,
                                    (threads.getCurrentThreadCpuTime() - cpu) / n, (System.nanoTime() - wall) / n);
                        }
                    }
                }
                try (SqlEngine engine = new SqlEngine(SqlLimits.DEFAULTS)) {
                    for (int i = 0; i < 50; i++) {
                        engine.explain(store, CpuData.DB, HOURLY, PARAMS);
                    }
                    long cpu = threads.getCurrentThreadCpuTime();
                    long wall = System.nanoTime();
                    for (int i = 0; i < 200; i++) {
                        engine.explain(store, CpuData.DB, HOURLY, PARAMS);
                    }
                    print("EXPLAIN hourly", -1, (threads.getCurrentThreadCpuTime() - cpu) / 200,
                            (System.nanoTime() - wall) / 200);
                }
            }
            heldByAFullCache(store);
        } finally {
            LmdbStores.close(store);
        }
    }

    /** Prints the heap a full cache of distinct statements holds (used heap after GC, full minus emptied). */
    private static void heldByAFullCache(TimeSeriesStore store) throws Exception {
        try (SqlEngine engine = new SqlEngine(SqlLimits.DEFAULTS)) {
            for (int i = 0; i < SqlEngine.DEFAULT_PLAN_CACHE_SIZE; i++) {
                engine.query(store, CpuData.DB, HOURLY + " LIMIT " + (i + 1), PARAMS);
            }
            long full = usedAfterGc();
            int kept = engine.plans().size();
            engine.plans().clear();
            long empty = usedAfterGc();
            System.out.printf(Locale.ROOT, "%d cached statements hold %.1f MB (%.0f KB each)%n", kept,
                    (full - empty) / 1e6, (full - empty) / 1e3 / kept);
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime r = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return r.totalMemory() - r.freeMemory();
    }

    private static void print(String what, int cache, long cpuNanos, long wallNanos) throws Exception {
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        System.out.printf(Locale.ROOT, "%-15s cache=%-4s cpu %8.3f ms  wall %8.3f ms  (loadavg %s)%n", what,
                cache < 0 ? "-" : Integer.toString(cache), cpuNanos / 1e6, wallNanos / 1e6, load);
    }
}
