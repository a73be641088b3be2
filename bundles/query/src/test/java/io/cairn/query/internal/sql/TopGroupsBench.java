package io.cairn.query.internal.sql;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.TimeSeriesStore;
import io.cairn.store.lmdb.internal.LmdbStores;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A benchmark (not a test) of the high-cardinality issue's top-10 question through SQL over a real LMDB store:
 * {@code -Dseries=} customers (one series each, plus {@code -Dpoints=} points per series in the hour), then
 * {@code SELECT customer_id, count(*) ... GROUP BY customer_id ORDER BY n DESC LIMIT 10} timed {@code -Druns=} times;
 * prints the plan, the median wall and CPU time.
 */
public final class TopGroupsBench {
    private static final String DB = "bench";
    private static final long T0 = 1_764_000_000_000L * 1_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private TopGroupsBench() {
    }

    public static void main(String[] args) throws Exception {
        int series = Integer.getInteger("series", 200_000);
        int points = Integer.getInteger("points", 6);
        int runs = Integer.getInteger("runs", 10);
        Path dir = Files.createTempDirectory("cairn-top-groups");
        TimeSeriesStore store = LmdbStores.open(dir);
        try (SqlEngine engine = new SqlEngine(new SqlLimits(120_000, 100_000))) {
            long started = System.nanoTime();
            write(store, series, points);
            System.out.printf("wrote %,d series x %d points in %.1f s%n", series, points, (System.nanoTime() - started) / 1e9);
            String sql = "SELECT customer_id, count(*) AS n FROM requests WHERE time >= ? AND time < ?"
                    + " GROUP BY customer_id ORDER BY n DESC LIMIT 10";
            List<Object> params = List.of("2025-11-24T00:00:00Z", "2026-11-24T00:00:00Z");
            System.out.println(engine.explain(store, DB, sql, params));
            long[] wall = new long[runs];
            long[] cpu = new long[runs];
            for (int r = 0; r < runs; r++) {
                long c0 = THREADS.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                List<Object[]> rows = engine.query(store, DB, sql, params).rows();
                wall[r] = System.nanoTime() - w0;
                cpu[r] = THREADS.getCurrentThreadCpuTime() - c0;
                if (r == 0) {
                    System.out.println(Arrays.deepToString(rows.subList(0, Math.min(3, rows.size())).toArray()));
                }
            }
            Arrays.sort(wall);
            Arrays.sort(cpu);
            System.out.printf("top 10 of %,d groups: median wall %.1f ms, cpu %.1f ms (%d runs)%n", series,
                    wall[runs / 2] / 1e6, cpu[runs / 2] / 1e6, runs);
        } finally {
            LmdbStores.close(store);
        }
    }

    private static void write(TimeSeriesStore store, int series, int points) {
        int perBatch = 50_000;
        for (int p = 0; p < points; p++) {
            for (int from = 0; from < series; from += perBatch) {
                WriteBatch.Builder b = WriteBatch.builder(DB, "requests", perBatch);
                for (int s = from; s < Math.min(series, from + perBatch); s++) {
                    Tags tags = Tags.of("customer_id", "cust_" + s, "endpoint", "/e" + s % 50, "region", "r" + s % 10);
                    int row = b.addRow(tags, T0 + p * 10_000_000_000L);
                    b.setDouble(row, "latency", s % 1000 + p);
                }
                store.write(b.build());
            }
        }
    }
}
