package io.cairn.query.internal;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.TimeSeriesStore;
import io.cairn.query.internal.sql.PlanScope;
import io.cairn.query.internal.sql.SqlEngine;
import io.cairn.query.internal.sql.SqlLimits;
import io.cairn.store.lmdb.internal.LmdbStores;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Prints the CPU and wall time per dashboard JSON aggregate over the LMDB store (10 hosts, 7 days at 1 minute),
 * on the store engine and on the SQL layer's planner (plan cache on), back to back. Not a test: run its main.
 */
public final class DashboardPathFigures {
    private static final long T0_MS = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

    private DashboardPathFigures() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("dashboard-path-figures");
        TimeSeriesStore store = LmdbStores.open(dir);
        try (SqlEngine sql = new SqlEngine(SqlLimits.DEFAULTS)) {
            WriteBatch.Builder b = WriteBatch.builder("metrics", "cpu");
            for (int h = 0; h < 10; h++) {
                for (int i = 0; i < 7 * 1440; i++) {
                    b.setDouble(b.addRow(Tags.of("host", "h" + h, "dc", "d" + h % 2), (T0_MS + i * 60_000L) * 1_000_000L),
                            "usage", (h * 7 + i) % 100);
                }
            }
            store.write(b.build());
            DashboardQueryParser parser = new DashboardQueryParser(QueryLimits.DEFAULTS,
                    Clock.fixed(Instant.ofEpochMilli(T0_MS + 8 * 86_400_000L), ZoneOffset.UTC));
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (int round = 0; round < 2; round++) {
                for (String engine : new String[] {"store engine", "sql planner"}) {
                    Supplier<QueryEngine> engines = engine.startsWith("store")
                            ? () -> new StoreQueryEngine(store, QueryLimits.DEFAULTS)
                            : () -> new RelationalQueryEngine(sql, new PlanScope(store, null), store, QueryLimits.DEFAULTS);
                    int n = 300;
                    long cpu = 0;
                    long wall = 0;
                    for (int i = -50; i < n; i++) {
                        long start = T0_MS + (i + 50) * 60_000L;
                        DashboardQuery q = parser.parse(("{\"queryType\":\"aggregate\",\"metricName\":\"cpu\",\"field\":"
                                + "\"usage\",\"aggregation\":\"avg\",\"interval\":\"1h\",\"groupBy\":[\"host\"],"
                                + "\"filters\":{\"dc\":[\"d1\"]},\"timeRange\":{\"start\":" + start + ",\"end\":"
                                + (start + 86_400_000L) + "}}").getBytes(StandardCharsets.UTF_8), "metrics");
                        long c = threads.getCurrentThreadCpuTime();
                        long w = System.nanoTime();
                        engines.get().execute(q, Deadline.after(10_000));
                        if (i >= 0) {
                            cpu += threads.getCurrentThreadCpuTime() - c;
                            wall += System.nanoTime() - w;
                        }
                    }
                    System.out.printf(Locale.ROOT, "1-day hourly avg by host, dc filter, %-12s cpu %7.3f ms  wall %7.3f ms"
                            + "  (loadavg %s)%n", engine, cpu / 1e6 / n, wall / 1e6 / n,
                            Files.readString(Path.of("/proc/loadavg")).trim());
                }
            }
        } finally {
            LmdbStores.close(store);
        }
    }
}
