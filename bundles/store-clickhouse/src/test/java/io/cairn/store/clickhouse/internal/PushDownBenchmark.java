package io.cairn.store.clickhouse.internal;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.FieldPredicate;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.SeriesBatch;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Not a test: TSBS-like cpu data (hosts × 10 tags × 10 FLOAT fields, one row per 10 s) and the store scans of
 * TSBS lastpoint (latest row per host) and high-cpu-all (rows with usage_user above 90 in 12 hours), pushed
 * into ClickHouse (LATEST, FIELD_FILTER) and as the full raw scans the SQL layer filters without them: median
 * wall and client CPU milliseconds over five runs, and rows returned. Arguments: hosts (default 100), hours
 * (default 24), "keep" to keep the database (else dropped at the end). Uses CAIRN_CLICKHOUSE_URL, else starts a
 * server of its own.
 */
public final class PushDownBenchmark {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final String[] FIELDS = {"usage_user", "usage_system", "usage_idle", "usage_nice", "usage_iowait",
        "usage_irq", "usage_softirq", "usage_steal", "usage_guest", "usage_guest_nice"};

    private PushDownBenchmark() {
    }

    public static void main(String[] args) {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int hours = args.length > 1 ? Integer.parseInt(args[1]) : 24;
        boolean keep = args.length > 2 && args[2].equals("keep");
        ClickHouseSettings settings = TestStores.settings("pushbench", ClickHouseServer.get().url());
        ClickHouseStore store = new ClickHouseStore(settings);
        try {
            load(store, hosts, hours);
            long end = T0 + hours * 3600L * SECOND;
            ScanRequest all = new ScanRequest("bench", "cpu", T0, end, List.of(), List.of(), null, 0);
            ScanRequest half = new ScanRequest("bench", "cpu", end - 12 * 3600L * SECOND, end, List.of(), List.of(), null, 0);
            run(store, "lastpoint pushed (latest 1)", all.withLatestPerSeries(1));
            run(store, "lastpoint unpushed (full raw scan)", all);
            run(store, "high-cpu-all pushed (usage_user > 90)",
                    half.withFieldPredicates(List.of(new FieldPredicate("usage_user", FieldPredicate.Comparison.GT, 90))));
            run(store, "high-cpu-all unpushed (12 h raw scan)", half);
        } finally {
            store.close();
            if (!keep) {
                TestStores.drop(settings);
            }
        }
    }

    private static void load(ClickHouseStore store, int hosts, int hours) {
        Random random = new Random(1);
        double[][] walk = new double[hosts][FIELDS.length];
        int steps = hours * 360;
        long start = System.nanoTime();
        for (int from = 0; from < steps; from += 360) {
            WriteBatch.Builder b = WriteBatch.builder("bench", "cpu");
            for (int step = from; step < Math.min(steps, from + 360); step++) {
                for (int h = 0; h < hosts; h++) {
                    int row = b.addRow(Tags.of("hostname", "host_" + h, "region", "region_" + h % 9, "datacenter",
                            "dc_" + h % 27, "rack", "rack_" + h % 97, "os", "Ubuntu16.04LTS", "arch", "x64", "team",
                            "team_" + h % 4, "service", "svc_" + h % 19, "service_version", "" + h % 2,
                            "service_environment", "production"), T0 + step * 10L * SECOND);
                    for (int f = 0; f < FIELDS.length; f++) {
                        walk[h][f] = Math.max(0, Math.min(100, walk[h][f] + random.nextGaussian() * 5));
                        b.setDouble(row, FIELDS[f], walk[h][f]);
                    }
                }
            }
            store.write(b.build());
        }
        System.out.printf("loaded %d hosts × %d h in %.1f s%n", hosts, hours, (System.nanoTime() - start) / 1e9);
    }

    private static void run(ClickHouseStore store, String name, ScanRequest request) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] wall = new long[5];
        long[] cpu = new long[5];
        long rows = 0;
        for (int i = 0; i < wall.length; i++) {
            long w = System.nanoTime();
            long c = threads.getCurrentThreadCpuTime();
            rows = 0;
            try (ScanCursor cursor = store.scan(request)) {
                for (SeriesBatch b = cursor.next(); b != null; b = cursor.next()) {
                    rows += b.size();
                }
            }
            wall[i] = (System.nanoTime() - w) / 1_000_000;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c) / 1_000_000;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf("%-40s rows %,9d  wall median %,6d ms (min %,d)  client cpu median %,6d ms%n  %s%n", name, rows,
                wall[2], wall[0], cpu[2], store.describe(request));
    }
}
