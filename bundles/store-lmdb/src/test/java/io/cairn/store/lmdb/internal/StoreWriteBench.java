package io.cairn.store.lmdb.internal;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A store-level write benchmark (not a test): the TSBS cpu-only shape (ten tags per host, ten integer
 * fields following a random walk per host, one row per host every 10 s) written through
 * {@link LmdbStore#write} in batches of rows, every host of a time step before the next step.
 * Options: {@code -Drows= -Dhosts= -Dbatch= -Ddir=}; prints rows/s of the time spent inside the store
 * and of the writing thread's CPU time in it (which other processes on the machine disturb less).
 */
public final class StoreWriteBench {
    static final String[] FIELDS = {"usage_user", "usage_system", "usage_idle", "usage_nice", "usage_iowait",
        "usage_irq", "usage_softirq", "usage_steal", "usage_guest", "usage_guest_nice"};
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long INTERVAL = 10_000_000_000L;

    private final Tags[] hosts;
    private final int[][] values;
    private final Random random = new Random(42);
    private long row;

    StoreWriteBench(int hostCount) {
        hosts = new Tags[hostCount];
        values = new int[hostCount][FIELDS.length];
        String[] regions = {"us-east-1", "us-west-1", "eu-west-1", "ap-southeast-1", "sa-east-1"};
        for (int h = 0; h < hostCount; h++) {
            String region = regions[h % regions.length];
            hosts[h] = Tags.of("hostname", "host_" + h, "region", region, "datacenter", region + "a",
                    "rack", String.valueOf(h % 100), "os", "Ubuntu16.04LTS", "arch", h % 2 == 0 ? "x64" : "x86",
                    "team", "SF", "service", String.valueOf(h % 20), "service_version", String.valueOf(h % 2),
                    "service_environment", "production");
            for (int f = 0; f < FIELDS.length; f++) {
                values[h][f] = random.nextInt(101);
            }
        }
    }

    /** Returns the next {@code rows} rows of the workload as one batch. */
    WriteBatch next(int rows) {
        WriteBatch.Builder b = WriteBatch.builder("bench", "cpu");
        for (int i = 0; i < rows; i++, row++) {
            int h = (int) (row % hosts.length);
            int r = b.addRow(hosts[h], T0 + (row / hosts.length) * INTERVAL);
            for (int f = 0; f < FIELDS.length; f++) {
                values[h][f] = Math.max(0, Math.min(100, values[h][f] + random.nextInt(11) - 5));
                b.setLong(r, FIELDS[f], values[h][f]);
            }
        }
        return b.build();
    }

    public static void main(String[] args) throws IOException {
        long rows = Long.getLong("rows", 10_000_000L);
        int hostCount = Integer.getInteger("hosts", 1000);
        int batch = Integer.getInteger("batch", 5000);
        String configured = System.getProperty("dir");
        Path dir = configured == null ? Files.createTempDirectory("cairn-bench") : Path.of(configured);
        StoreWriteBench workload = new StoreWriteBench(hostCount);
        LmdbStore store = new LmdbStore(dir.resolve("lmdb"), 64L << 20, 16);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long inStore = 0;
        long cpuInStore = 0;
        long wallStart = System.nanoTime();
        long done = 0;
        long reportAt = rows / 10;
        try {
            while (done < rows) {
                WriteBatch b = workload.next((int) Math.min(batch, rows - done));
                long t = System.nanoTime();
                long cpu = threads.getCurrentThreadCpuTime();
                store.write(b);
                cpuInStore += threads.getCurrentThreadCpuTime() - cpu;
                inStore += System.nanoTime() - t;
                done += b.size();
                if (done >= reportAt) {
                    System.out.printf("%,d rows, %,.0f rows/s in the store%n", done, done * 1e9 / inStore);
                    reportAt += rows / 10;
                }
            }
            long wall = System.nanoTime() - wallStart;
            System.out.printf("%,d rows of %d hosts in batches of %d: %,.0f rows/s (%,.0f field values/s) "
                    + "in the store, %.1f s in the store (%.1f s of it on the CPU: %,.0f rows per CPU second), "
                    + "%.1f s wall; LMDB %,d bytes = %.1f B/row; stats %s%n",
                    done, hostCount, batch, done * 1e9 / inStore, done * FIELDS.length * 1e9 / inStore,
                    inStore / 1e9, cpuInStore / 1e9, done * 1e9 / cpuInStore, wall / 1e9, store.stats().get("bytes_on_disk").longValue(),
                    store.stats().get("bytes_on_disk").longValue() / (double) done, store.stats());
        } finally {
            store.close();
            if (configured == null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
