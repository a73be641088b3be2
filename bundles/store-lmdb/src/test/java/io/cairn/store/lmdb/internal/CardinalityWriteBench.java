package io.cairn.store.lmdb.internal;

import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A store-level benchmark of high-cardinality writes (not a test): {@code -Dseries=} series of the shape
 * ({@link ManySeriesWriter#tags}) written for {@code -Dsteps=} time steps in batches of {@code -Dbatch=} rows; the
 * first step creates every series, the later ones write known series. Prints, per phase, rows per CPU second of
 * the writing thread inside the store, then the latency of autocomplete, a grouped count and a one-customer scan.
 */
public final class CardinalityWriteBench {
    private CardinalityWriteBench() {
    }

    public static void main(String[] args) throws IOException {
        int series = Integer.getInteger("series", 200_000);
        int steps = Integer.getInteger("steps", 3);
        int batch = Integer.getInteger("batch", 5000);
        Path dir = Files.createTempDirectory("cairn-cardinality");
        LmdbStore store = new LmdbStore(dir.resolve("lmdb"), 64L << 20, 16,
                Integer.getInteger("cache", LmdbStore.DEFAULT_SERIES_CACHE_SIZE));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try {
            for (int step = 0; step < steps; step++) {
                long cpu = 0;
                for (int from = 0; from < series; from += batch) {
                    WriteBatch.Builder b = WriteBatch.builder("db", "requests");
                    for (int s = from; s < Math.min(series, from + batch); s++) {
                        long time = ManySeriesWriter.T0 + step * ManySeriesWriter.STEP;
                        b.setDouble(b.addRow(ManySeriesWriter.tags(s), time), "latency", s % 1000);
                    }
                    WriteBatch built = b.build();
                    long before = threads.getCurrentThreadCpuTime();
                    store.write(built);
                    cpu += threads.getCurrentThreadCpuTime() - before;
                }
                System.out.printf("step %d (%s series): %,d rows in %.2f CPU s = %,.0f rows per CPU second%n", step,
                        step == 0 ? "new" : "known", series, cpu / 1e9, series * 1e9 / cpu);
            }
            for (int repeat = 0; repeat < Integer.getInteger("repeat", 3); repeat++) {
                for (String prefix : List.of("cust_1", "cust_12", "cust_123")) {
                    long t = System.nanoTime();
                    int found = store.tagValueCounts("db", "requests", "customer_id", prefix, 100).size();
                    System.out.printf("autocomplete %s: %d values in %.2f ms%n", prefix, found,
                            (System.nanoTime() - t) / 1e6);
                }
                long t = System.nanoTime();
                long cpu = threads.getCurrentThreadCpuTime();
                String top = ManySeriesWriter.topCustomers(store, 10);
                System.out.printf("count grouped by customer_id (groups, 10th count) %s in %.0f ms (%.0f CPU ms)%n",
                        top, (System.nanoTime() - t) / 1e6, (threads.getCurrentThreadCpuTime() - cpu) / 1e6);
                t = System.nanoTime();
                cpu = threads.getCurrentThreadCpuTime();
                double points = Scans.all(store, Scans.aggregate("db", "requests", ManySeriesWriter.T0,
                        ManySeriesWriter.T0 + steps * ManySeriesWriter.STEP, List.of(), List.of("latency"),
                        new Aggregation(0, List.of(), List.of(AggregateFunction.COUNT)))).get(0).columns().get(0)
                        .doubleAt(0);
                System.out.printf("count over every series: %.0f points in %.0f ms (%.0f CPU ms)%n", points,
                        (System.nanoTime() - t) / 1e6, (threads.getCurrentThreadCpuTime() - cpu) / 1e6);
                t = System.nanoTime();
                int rows = Scans.rows(Scans.all(store, Scans.raw("db", "requests", ManySeriesWriter.T0,
                        ManySeriesWriter.T0 + steps * ManySeriesWriter.STEP,
                        List.of(Scans.tag("customer_id", "cust_" + (series / 3))), List.of("latency"), 0)));
                System.out.printf("one customer: %d rows in %.2f ms%n", rows, (System.nanoTime() - t) / 1e6);
            }
        } finally {
            store.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
