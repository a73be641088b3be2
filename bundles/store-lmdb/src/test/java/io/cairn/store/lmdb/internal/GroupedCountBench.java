package io.cairn.store.lmdb.internal;

import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.SeriesBatch;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A store-level benchmark (not a test) of the top-10 question: {@code -Dseries=} series of the shape
 * ({@link ManySeriesWriter#tags}), {@code -Dpoints=} points each 10 s apart (written in {@code -Dpasses=} passes),
 * kept in {@code -Ddir=} so later runs reuse them; then a count grouped by customer_id over the last hour, top 10
 * kept in a heap, timed {@code -Drepeat=} times in CPU time of the scanning thread; then a count over every series.
 */
public final class GroupedCountBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private GroupedCountBench() {
    }

    public static void main(String[] args) throws IOException {
        int series = Integer.getInteger("series", 1_000_000);
        int points = Integer.getInteger("points", 60);
        int passes = Integer.getInteger("passes", 2);
        Path dir = Path.of(System.getProperty("dir", "/tmp/cairn-grouped-count-" + series + "x" + points));
        boolean fresh = !Files.exists(dir.resolve("written"));
        LmdbStore store = new LmdbStore(dir.resolve("lmdb"), 1L << 30, 16);
        ThreadMXBean threads = THREADS;
        try {
            if (fresh) {
                long t = System.nanoTime();
                write(store, series, points, passes);
                Files.writeString(dir.resolve("written"), "yes");
                System.out.printf("wrote %,d series x %d points in %.1f s%n", series, points,
                        (System.nanoTime() - t) / 1e9);
            }
            long end = ManySeriesWriter.T0 + points * ManySeriesWriter.STEP;
            Aggregation count = new Aggregation(0, List.of("customer_id"), List.of(AggregateFunction.COUNT));
            int repeat = Integer.getInteger("repeat", 5);
            long[] cpu = new long[repeat];
            for (int r = 0; r < repeat; r++) {
                long wall = System.nanoTime();
                long c0 = threads.getCurrentThreadCpuTime();
                String top = top(store, count, end - 3_600_000_000_000L, end);
                cpu[r] = threads.getCurrentThreadCpuTime() - c0;
                System.out.printf("count grouped by customer_id (groups, 10th count) %s: %.0f ms, %.0f CPU ms, load %s%n",
                        top, (System.nanoTime() - wall) / 1e6, cpu[r] / 1e6, Files.readString(Path.of("/proc/loadavg"))
                                .split(" ")[0]);
            }
            Arrays.sort(cpu);
            System.out.printf("median %.0f CPU ms over %d runs%n", cpu[repeat / 2] / 1e6, repeat);
            Aggregation total = new Aggregation(0, List.of(), List.of(AggregateFunction.COUNT));
            for (int r = 0; r < repeat; r++) {
                long c0 = threads.getCurrentThreadCpuTime();
                double counted = Scans.all(store, Scans.aggregate("db", "requests", end - 3_600_000_000_000L, end,
                        List.of(), List.of("latency"), total)).get(0).columns().get(0).doubleAt(0);
                System.out.printf("count over every series: %.0f points, %.0f CPU ms%n", counted,
                        (threads.getCurrentThreadCpuTime() - c0) / 1e6);
            }
        } finally {
            store.close();
        }
    }

    private static void write(LmdbStore store, int series, int points, int passes) {
        int batchRows = 200_000;
        for (int pass = 0; pass < passes; pass++) {
            int from = points * pass / passes;
            int to = points * (pass + 1) / passes;
            int perBatch = Math.max(1, batchRows / Math.max(1, to - from));
            for (int s0 = 0; s0 < series; s0 += perBatch) {
                WriteBatch.Builder b = WriteBatch.builder("db", "requests");
                for (int s = s0; s < Math.min(series, s0 + perBatch); s++) {
                    for (int p = from; p < to; p++) {
                        b.setDouble(b.addRow(ManySeriesWriter.tags(s), ManySeriesWriter.T0 + p * ManySeriesWriter.STEP),
                                "latency", s % 1000 + p);
                    }
                }
                store.write(b.build());
            }
        }
    }

    private static String top(LmdbStore store, Aggregation count, long start, long end) {
        PriorityQueue<Double> top = new PriorityQueue<>();
        long groups = 0;
        long cpu = THREADS.getCurrentThreadCpuTime();
        try (ScanCursor cursor = store.scan(Scans.aggregate("db", "requests", start, end, List.of(),
                List.of("latency"), count))) {
            cpu = THREADS.getCurrentThreadCpuTime() - cpu;
            for (SeriesBatch b = cursor.next(); b != null; b = cursor.next()) {
                groups++;
                top.offer(b.columns().get(0).doubleAt(0));
                if (top.size() > 10) {
                    top.poll();
                }
            }
        }
        return groups + " " + top.peek() + String.format(" (opening the cursor %.0f CPU ms)", cpu / 1e6);
    }
}
