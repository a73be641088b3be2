package io.cairn.store.parquet.internal;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.SeriesBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * A store-level benchmark (not a test): TSBS cpu-only rows (ten tags per host, ten integer usage
 * fields on a clamped random walk, one row per host every 10 s) written through {@link ParquetStore#write}
 * in batches as the ingest flusher sends them, then compacted; prints rows/s, bytes per field value
 * before and after compaction, and the time of a grouped aggregation over everything.
 * Options: {@code -Drows= -Dhosts= -Dbatch= -Dcodec= -Ddir=}.
 */
public final class ParquetWriteBench {
    private static final String[] FIELDS = {"usage_user", "usage_system", "usage_idle", "usage_nice",
        "usage_iowait", "usage_irq", "usage_softirq", "usage_steal", "usage_guest", "usage_guest_nice"};
    private static final String[] REGIONS = {"us-east-1", "us-west-1", "us-west-2", "eu-west-1", "eu-central-1",
        "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "sa-east-1"};
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long STEP = 10_000_000_000L;

    private final Tags[] hosts;
    private final int[][] walk;
    private final Random random = new Random(11);
    private long row;

    private ParquetWriteBench(int hostCount) {
        hosts = new Tags[hostCount];
        walk = new int[hostCount][FIELDS.length];
        for (int h = 0; h < hostCount; h++) {
            Random pick = new Random(h);
            String region = REGIONS[pick.nextInt(REGIONS.length)];
            hosts[h] = Tags.of("hostname", "host_" + h, "region", region, "datacenter", region + "abc".charAt(pick.nextInt(3)),
                    "rack", String.valueOf(pick.nextInt(100)), "os", "Ubuntu16." + (pick.nextBoolean() ? "04LTS" : "10"),
                    "arch", pick.nextBoolean() ? "x64" : "x86", "team", List.of("SF", "NYC", "LON", "CHI").get(pick.nextInt(4)),
                    "service", String.valueOf(pick.nextInt(20)), "service_version", String.valueOf(pick.nextInt(2)),
                    "service_environment", List.of("production", "staging", "test").get(pick.nextInt(3)));
            for (int f = 0; f < FIELDS.length; f++) {
                walk[h][f] = pick.nextInt(101);
            }
        }
    }

    private WriteBatch next(int rows) {
        WriteBatch.Builder b = WriteBatch.builder("bench", "cpu");
        for (int i = 0; i < rows; i++, row++) {
            int h = (int) (row % hosts.length);
            int r = b.addRow(hosts[h], T0 + row / hosts.length * STEP);
            for (int f = 0; f < FIELDS.length; f++) {
                walk[h][f] = Math.max(0, Math.min(100, walk[h][f] + random.nextInt(11) - 5));
                b.setLong(r, FIELDS[f], walk[h][f]);
            }
        }
        return b.build();
    }

    public static void main(String[] args) throws IOException {
        long rows = Long.getLong("rows", 2_000_000L);
        int hostCount = Integer.getInteger("hosts", 1000);
        int batch = Integer.getInteger("batch", 5000);
        CompressionCodecName codec = Settings.codec(System.getProperty("codec", "ZSTD"));
        String configured = System.getProperty("dir");
        Path dir = configured == null ? Files.createTempDirectory("cairn-parquet-bench") : Path.of(configured);
        ParquetStore store = new ParquetStore(dir, new Settings(codec, 512L << 20, 0, 16));
        ParquetWriteBench workload = new ParquetWriteBench(hostCount);
        long inStore = 0;
        for (long done = 0; done < rows;) {
            WriteBatch b = workload.next((int) Math.min(batch, rows - done));
            long t = System.nanoTime();
            store.write(b);
            inStore += System.nanoTime() - t;
            done += b.size();
        }
        double values = rows * (double) FIELDS.length;
        System.out.printf("write: %,d rows in %,d files, %,.0f rows/s (%,.0f values/s) in the store, %.3f bytes/value%n",
                rows, store.stats().get("files").longValue(), rows * 1e9 / inStore, values * 1e9 / inStore,
                store.stats().get("bytes_on_disk").longValue() / values);
        long t = System.nanoTime();
        List<CompactionRun> runs = store.compactNow();
        System.out.printf("compaction: %d partitions in %.1f s, %,d files, %.3f bytes/value%n", runs.size(),
                (System.nanoTime() - t) / 1e9, store.stats().get("files").longValue(),
                store.stats().get("bytes_on_disk").longValue() / values);
        for (int i = 0; i < 3; i++) {
            t = System.nanoTime();
            long groups = 0;
            ScanRequest request = new ScanRequest("bench", "cpu", T0, Long.MAX_VALUE, List.of(), List.of("usage_user"),
                    new Aggregation(3_600_000_000_000L, List.of("hostname"),
                            List.of(AggregateFunction.MAX, AggregateFunction.AVG)), 0);
            try (ScanCursor cursor = store.scan(request)) {
                SeriesBatch s;
                while ((s = cursor.next()) != null) {
                    groups++;
                }
            }
            System.out.printf("max+avg(usage_user) by hostname per hour over all rows: %d groups in %.0f ms%n", groups,
                    (System.nanoTime() - t) / 1e6);
        }
    }
}
