package io.cairn.store.lmdb.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.store.FieldPredicate;
import io.cairn.api.store.FieldPredicate.Comparison;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.SeriesBatch;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * A scan benchmark (not a test) of the TSBS shapes that field predicates and latest rows serve, over the data of
 * {@link StoreWriteBench} (hosts × 10 integer fields every 10 s): high-cpu-all ({@code usage_user > 90} over 12 h,
 * every field) and lastpoint (latest row of every host over all time), each pushed into the store and, for
 * comparison, done above it (everything scanned, then filtered or cut by the caller, as without the
 * capabilities). Options: {@code -Dhosts= -Ddays= -Druns= -Donly=high-cpu-all|lastpoint|above} (one shape pushed down, or both done above only); prints the median CPU time and wall time per scan and
 * the load average.
 */
public final class ScanPushDownBench {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long HOUR = 3_600_000_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ScanPushDownBench() {
    }

    public static void main(String[] args) throws IOException {
        int hosts = Integer.getInteger("hosts", 100);
        int days = Integer.getInteger("days", 3);
        int runs = Integer.getInteger("runs", 20);
        Path dir = Files.createTempDirectory("cairn-scan-bench");
        LmdbStore store = new LmdbStore(dir.resolve("lmdb"), 256L << 20, 16);
        try {
            StoreWriteBench workload = new StoreWriteBench(hosts);
            long rows = (long) hosts * days * 24 * 360;
            for (long done = 0; done < rows; done += 10_000) {
                store.write(workload.next((int) Math.min(10_000, rows - done)));
            }
            List<String> all = Arrays.asList(StoreWriteBench.FIELDS);
            long start = T0 + days * 12 * HOUR;
            ScanRequest window = new ScanRequest("bench", "cpu", start, start + 12 * HOUR, List.of(), all, null, 0);
            FieldPredicate hot = new FieldPredicate("usage_user", Comparison.GT, 90);
            ScanRequest history = new ScanRequest("bench", "cpu", Long.MIN_VALUE, Long.MAX_VALUE, List.of(), all,
                    null, 0);
            System.out.printf("%d hosts, %d days, %,d rows written; load %s%n", hosts, days, rows, load());
            String only = System.getProperty("only", "");
            if (!only.equals("lastpoint") && !only.equals("above")) {
                time("high-cpu-all pushed down", runs, store, window.withFieldPredicates(List.of(hot)), b -> b.size());
            }
            if (only.isEmpty() || only.equals("above")) {
                time("high-cpu-all filtered above", runs, store, window, b -> rowsAbove(b, hot));
            }
            if (!only.equals("high-cpu-all") && !only.equals("above")) {
                time("lastpoint pushed down", runs, store, history.withLatestPerSeries(1), b -> b.size());
            }
            if (only.isEmpty() || only.equals("above")) {
                time("lastpoint cut above", runs, store, history, b -> 0);
            }
            System.out.printf("load %s%n", load());
        } finally {
            store.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long rowsAbove(SeriesBatch b, FieldPredicate p) {
        FieldColumn c = b.column(p.field());
        long n = 0;
        for (int r = 0; r < b.size(); r++) {
            if (c.isPresent(r) && p.test(c.doubleAt(r))) {
                n++;
            }
        }
        return n;
    }

    private static void time(String name, int runs, LmdbStore store, ScanRequest request,
            ToLongFunction<SeriesBatch> rowsOf) {
        long[] cpu = new long[runs];
        long[] wall = new long[runs];
        long rows = 0;
        long values = 0;
        for (int i = -runs / 2; i < runs; i++) {
            long c = THREADS.getCurrentThreadCpuTime();
            long w = System.nanoTime();
            rows = 0;
            values = 0;
            try (ScanCursor cursor = store.scan(request)) {
                for (SeriesBatch b = cursor.next(); b != null; b = cursor.next()) {
                    rows += rowsOf.applyAsLong(b);
                    values += (long) b.size() * b.columns().size();
                }
            }
            if (i >= 0) {
                cpu[i] = THREADS.getCurrentThreadCpuTime() - c;
                wall[i] = System.nanoTime() - w;
            }
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        System.out.printf("%-30s median %8.3f ms CPU, %8.3f ms wall (%d runs); %,d rows selected, %,d values read%n",
                name, cpu[runs / 2] / 1e6, wall[runs / 2] / 1e6, runs, rows, values);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
