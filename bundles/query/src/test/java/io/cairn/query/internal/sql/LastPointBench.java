package io.cairn.query.internal.sql;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.SeriesBatch;
import io.cairn.api.store.TimeSeriesStore;
import io.cairn.store.lmdb.internal.LmdbStores;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A benchmark (not a test) of TSBS lastpoint over a real LMDB store: {@code -Dhosts=} hosts with ten tags and ten
 * integer fields, {@code -Dpoints=} rows each at 10 s; then the median CPU time per call, over {@code -Druns=}
 * calls, of the store's latest-row scan alone and of the whole SQL statement.
 */
public final class LastPointBench {
    private static final String DB = "bench";
    private static final long T0 = 1_764_000_000_000L * 1_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String[] FIELDS = {"usage_user", "usage_system", "usage_idle", "usage_nice", "usage_iowait",
        "usage_irq", "usage_softirq", "usage_steal", "usage_guest", "usage_guest_nice"};

    private LastPointBench() {
    }

    public static void main(String[] args) throws Exception {
        int hosts = Integer.getInteger("hosts", 100);
        int points = Integer.getInteger("points", 2000);
        int runs = Integer.getInteger("runs", 20_000);
        Path dir = Files.createTempDirectory("cairn-lastpoint");
        TimeSeriesStore store = LmdbStores.open(dir);
        try (SqlEngine engine = new SqlEngine(SqlLimits.DEFAULTS)) {
            write(store, hosts, points);
            StringBuilder sql = new StringBuilder("SELECT hostname, max(time) AS last_time");
            for (String f : FIELDS) {
                sql.append(", last(").append(f).append(", time) AS ").append(f);
            }
            sql.append(" FROM cpu GROUP BY hostname");
            System.out.println(engine.explain(store, DB, sql.toString(), List.of()));
            ScanRequest latest = new ScanRequest(DB, "cpu", Long.MIN_VALUE, Long.MAX_VALUE, List.of(),
                    List.of(FIELDS), null, 0).withLatestPerSeries(1);
            report("store latest scan", runs, () -> countRows(store, latest));
            report("SQL SELECT 1", runs, () -> engine.query(store, DB, "SELECT 1", List.of()).rows().size());
            report("SQL lastpoint", runs, () -> engine.query(store, DB, sql.toString(), List.of()).rows().size());
        } finally {
            LmdbStores.close(store);
        }
    }

    private static long countRows(TimeSeriesStore store, ScanRequest request) {
        long rows = 0;
        try (ScanCursor cursor = store.scan(request)) {
            for (SeriesBatch b = cursor.next(); b != null; b = cursor.next()) {
                rows += b.size();
            }
        }
        return rows;
    }

    private static void report(String what, int runs, LongSupplier call) {
        long[] cpu = new long[runs];
        long answer = 0;
        for (int r = 0; r < runs; r++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            answer = call.getAsLong();
            cpu[r] = THREADS.getCurrentThreadCpuTime() - c0;
        }
        long[] second = Arrays.copyOfRange(cpu, runs / 2, runs);
        Arrays.sort(second);
        System.out.printf("%s: %d rows, median cpu %.1f us (last %d of %d runs)%n", what, answer,
                second[second.length / 2] / 1e3, second.length, runs);
    }

    private static void write(TimeSeriesStore store, int hosts, int points) {
        int perBatch = 500;
        for (int from = 0; from < points; from += perBatch) {
            WriteBatch.Builder b = WriteBatch.builder(DB, "cpu", perBatch * hosts);
            List<Tags> tags = new ArrayList<>();
            for (int h = 0; h < hosts; h++) {
                tags.add(Tags.of("hostname", "host_" + h, "region", "r" + h % 3, "datacenter", "dc" + h % 7,
                        "rack", "" + h % 13, "os", "Ubuntu", "arch", "x64", "team", "t" + h % 4, "service", "" + h % 19,
                        "service_version", "1", "service_environment", "prod"));
            }
            for (int p = from; p < Math.min(points, from + perBatch); p++) {
                for (int h = 0; h < hosts; h++) {
                    int row = b.addRow(tags.get(h), T0 + p * 10_000_000_000L);
                    for (int f = 0; f < FIELDS.length; f++) {
                        b.setLong(row, FIELDS[f], (p * 7L + h * 13L + f) % 100);
                    }
                }
            }
            store.write(b.build());
        }
    }
}
