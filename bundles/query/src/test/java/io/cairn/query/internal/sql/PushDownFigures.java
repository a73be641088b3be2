package io.cairn.query.internal.sql;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.StoreCapability;
import io.cairn.api.store.TimeSeriesStore;
import io.cairn.store.lmdb.internal.LmdbStores;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Prints the CPU time (this thread's, ThreadMXBean) per statement of the TSBS high-cpu-all, lastpoint and
 * groupby-orderby-limit shapes over the LMDB store (100 hosts, 10 s apart, 3 fields, {@code HOURS} hours), pushed
 * and with the old plan (a view hiding FIELD_FILTER and LATEST; an OFFSET 0 keeping the Sort), back to back.
 * Not a test: run its main.
 */
public final class PushDownFigures {
    private static final int HOSTS = 100;
    private static final int HOURS = 12;
    private static final long T0_MS = 1_704_067_200_000L;
    private static final String END = "2024-01-01T12:00:00Z";
    private static final String HIGH_CPU = "SELECT * FROM cpu WHERE usage_user > 90 AND time >= ? AND time < ?";
    private static final String LASTPOINT = "SELECT hostname, max(time) AS last_time, last(usage_user, time) AS u,"
            + " last(usage_system, time) AS s FROM cpu GROUP BY hostname";
    private static final String ORDER_LIMIT = "SELECT time_bucket('1 minute', time) AS bucket, max(usage_user) AS m"
            + " FROM cpu WHERE time < ? GROUP BY bucket ORDER BY bucket DESC LIMIT 5";

    private PushDownFigures() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("push-down-figures");
        TimeSeriesStore store = LmdbStores.open(dir);
        try (SqlEngine engine = new SqlEngine(SqlLimits.DEFAULTS)) {
            write(store);
            TimeSeriesStore old = without(store, EnumSet.of(StoreCapability.FIELD_FILTER, StoreCapability.LATEST));
            for (int round = 0; round < 2; round++) {
                time(engine, "high-cpu-all pushed", store, HIGH_CPU, "2024-01-01T00:00:00Z", END);
                time(engine, "high-cpu-all old", old, HIGH_CPU, "2024-01-01T00:00:00Z", END);
                time(engine, "lastpoint pushed", store, LASTPOINT);
                time(engine, "lastpoint old", old, LASTPOINT);
                time(engine, "order-limit pushed", store, ORDER_LIMIT, END);
                time(engine, "order-limit old", store, ORDER_LIMIT + " OFFSET 0", END);
            }
        } finally {
            LmdbStores.close(store);
        }
    }

    private static void write(TimeSeriesStore store) {
        int rows = HOURS * 360;
        for (int h = 0; h < HOSTS; h++) {
            WriteBatch.Builder b = WriteBatch.builder(CpuData.DB, "cpu");
            Tags tags = Tags.of("hostname", "host_" + h, "region", "r" + h % 5);
            for (int i = 0; i < rows; i++) {
                int row = b.addRow(tags, (T0_MS + i * 10_000L) * 1_000_000L);
                b.setDouble(row, "usage_user", (h * 37 + i * 13) % 100);
                b.setDouble(row, "usage_system", (h * 11 + i * 7) % 100);
                b.setDouble(row, "usage_idle", (h + i) % 100);
            }
            store.write(b.build());
        }
    }

    /** The store with some capabilities hidden. */
    private static TimeSeriesStore without(TimeSeriesStore store, Set<StoreCapability> hidden) {
        Set<StoreCapability> shown = EnumSet.copyOf(store.capabilities());
        shown.removeAll(hidden);
        return (TimeSeriesStore) Proxy.newProxyInstance(PushDownFigures.class.getClassLoader(),
                new Class<?>[] {TimeSeriesStore.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("capabilities")) {
                        return shown;
                    }
                    try {
                        return method.invoke(store, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void time(SqlEngine engine, String what, TimeSeriesStore store, String sql, Object... params)
            throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Object> values = List.of(params);
        int rows = engine.query(store, CpuData.DB, sql, values).rows().size();
        for (int i = 0; i < 5; i++) {
            engine.query(store, CpuData.DB, sql, values);
        }
        int n = 20;
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < n; i++) {
            engine.query(store, CpuData.DB, sql, values);
        }
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        System.out.printf(Locale.ROOT, "%-20s %6d rows  cpu %8.2f ms  wall %8.2f ms  (loadavg %s)%n", what, rows,
                (threads.getCurrentThreadCpuTime() - cpu) / n / 1e6, (System.nanoTime() - wall) / n / 1e6, load);
        if (what.endsWith("pushed") || what.endsWith("old")) {
            String plan = engine.explain(store, CpuData.DB, sql, values);
            System.out.println("  " + plan.lines().filter(l -> l.contains("StoreScan") || l.contains("Sort"))
                    .map(String::trim).toList());
        }
    }
}
