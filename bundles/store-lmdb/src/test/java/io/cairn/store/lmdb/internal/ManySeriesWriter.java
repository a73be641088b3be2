package io.cairn.store.lmdb.internal;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.SeriesBatch;
import java.nio.file.Path;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The child process of {@link HeapBoundTest}: writes {@code series} series of the shape (customer_id,
 * endpoint, region, status_code) into an LMDB store in batches, twice (the second pass finds most ids in LMDB
 * rather than the cache), then prints the series count, the number of points of one customer, the top
 * autocomplete value, and the groups and smallest top-10 count of a count grouped by customer, space separated.
 */
public final class ManySeriesWriter {
    static final long T0 = 1_700_000_000_000_000_000L;
    static final long STEP = 10_000_000_000L;

    private ManySeriesWriter() {
    }

    /** Returns the tags of series number {@code s}: 50 endpoints, 10 regions and 8 status codes per customer cycle. */
    static Tags tags(int s) {
        return Tags.of("customer_id", "cust_" + s, "endpoint", "/api/e" + (s % 50), "region", "r" + (s % 10),
                "status_code", String.valueOf(200 + s % 8));
    }

    /**
     * Returns how many groups a count grouped by customer_id streamed and the smallest count of the top
     * {@code n}, keeping only those n in a heap: memory bounded by n, not by the number of customers.
     */
    static String topCustomers(LmdbStore store, int n) {
        PriorityQueue<Double> top = new PriorityQueue<>();
        long groups = 0;
        Aggregation count = new Aggregation(0, List.of("customer_id"), List.of(AggregateFunction.COUNT));
        try (ScanCursor cursor = store.scan(Scans.aggregate("db", "requests", T0, T0 + 3 * STEP, List.of(),
                List.of("latency"), count))) {
            for (SeriesBatch b = cursor.next(); b != null; b = cursor.next()) {
                groups++;
                top.offer(b.columns().get(0).doubleAt(0));
                if (top.size() > n) {
                    top.poll();
                }
            }
        }
        return groups + " " + top.peek();
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int series = Integer.parseInt(args[1]);
        int batchSeries = Integer.parseInt(args[2]);
        LmdbStore store = new LmdbStore(dir, 64L << 20, 16);
        try {
            for (int pass = 0; pass < 2; pass++) {
                for (int from = 0; from < series; from += batchSeries) {
                    WriteBatch.Builder b = WriteBatch.builder("db", "requests");
                    for (int s = from; s < Math.min(series, from + batchSeries); s++) {
                        int row = b.addRow(tags(s), T0 + pass * STEP);
                        b.setDouble(row, "latency", s % 1000);
                    }
                    store.write(b.build());
                }
            }
            int points = Scans.rows(Scans.all(store, Scans.raw("db", "requests", T0, T0 + 3 * STEP,
                    List.of(Scans.tag("customer_id", "cust_" + (series / 2))), List.of("latency"), 0)));
            String top = store.tagValueCounts("db", "requests", "endpoint", "/api/e1", 1).get(0).value();
            System.out.println(store.seriesCount("db", "requests") + " " + points + " " + top + " "
                    + topCustomers(store, 10));
        } finally {
            store.close();
        }
    }
}
