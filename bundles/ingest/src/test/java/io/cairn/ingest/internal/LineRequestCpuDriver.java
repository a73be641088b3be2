package io.cairn.ingest.internal;

import io.cairn.api.engine.WriteService;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.TimeSeriesStore;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A manual driver (not a test) for the request thread's CPU per line-protocol row, no HTTP: parsing with
 * admission against a bound store, then what {@link WriteEngine#write} does on the caller's thread besides the log
 * append (the log record encoding, the cardinality sketches), for the TSBS cpu-only workload ({@code tsbs}: 1,000
 * hosts, 10 tags, 10 integer fields) or the high-cardinality one ({@code cardinality}: every line a new series
 * of 4 tags with one float field). Run: {@code java -cp target/test-classes:target/classes:<test class path>
 * io.cairn.ingest.internal.LineRequestCpuDriver tsbs|cardinality [rows] [rounds]}.
 */
public final class LineRequestCpuDriver {
    private static final String[] TAGS = IngestCpuDriver.TAGS;
    private static final String[] FIELDS = IngestCpuDriver.FIELDS;
    private static final int BATCH = 5000;
    private static final long START = 1_700_000_000_000_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Logger LOG = LoggerFactory.getLogger(LineRequestCpuDriver.class);

    private LineRequestCpuDriver() {
    }

    public static void main(String[] args) {
        boolean tsbs = args.length == 0 || args[0].equals("tsbs");
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<byte[]> bodies = new ArrayList<>();
        for (int first = 0; first < rows; first += BATCH) {
            int n = Math.min(BATCH, rows - first);
            bodies.add(tsbs ? tsbsLines(first, n) : cardinalityLines(first, n));
        }
        ValidationLimits limits = new ValidationLimits(256, 0, 0, 64, 256, 1024, 100_000_000);
        for (int round = 0; round < rounds; round++) {
            SeriesCardinality cardinality = new SeriesCardinality(16, Clock.systemUTC());
            StoreCatalog catalog = new StoreCatalog(new RecordingStore(), cardinality);
            EngineSide engine = new EngineSide(cardinality);
            LineProtocolWriter writer = new LineProtocolWriter(engine, catalog, limits, Long.MAX_VALUE,
                    Clock.systemUTC());
            long t0 = THREADS.getCurrentThreadCpuTime();
            int accepted = 0;
            for (byte[] body : bodies) {
                accepted += writer.write("db", Precision.NANOSECONDS, new ByteArrayInputStream(body), null).accepted();
            }
            long total = THREADS.getCurrentThreadCpuTime() - t0;
            if (accepted != rows) {
                throw new IllegalStateException(accepted + " of " + rows + " lines accepted");
            }
            LOG.info(String.format("round %d %s: request thread %.0f ns/row (parse+build %.0f, log encoding and "
                    + "cardinality %.0f), %.1f log bytes/row", round, tsbs ? "tsbs" : "cardinality",
                    (double) total / rows, (double) (total - engine.cpu) / rows, (double) engine.cpu / rows,
                    (double) engine.bytes / rows));
        }
    }

    /** TSBS cpu-only lines: 1,000 hosts in turn, a random walk of ten integer fields each. */
    private static byte[] tsbsLines(int first, int n) {
        Random random = new Random(first);
        StringBuilder sb = new StringBuilder(n * 330);
        for (int row = first; row < first + n; row++) {
            int host = row % 1000;
            sb.append("cpu");
            for (int t = 0; t < TAGS.length; t++) {
                String value = t == 0 ? "host_" + host : TAGS[t] + "_" + (host * 7 + t) % 10;
                sb.append(',').append(TAGS[t]).append('=').append(value);
            }
            for (int f = 0; f < FIELDS.length; f++) {
                sb.append(f == 0 ? ' ' : ',').append(FIELDS[f]).append('=').append(random.nextInt(101)).append('i');
            }
            sb.append(' ').append(START + (long) (row / 1000) * 10_000_000_000L).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** High-cardinality lines: series number {@code row}, a customer each, one float field. */
    private static byte[] cardinalityLines(int first, int n) {
        StringBuilder sb = new StringBuilder(n * 110);
        for (long s = first; s < first + n; s++) {
            long customer = s % 1_000_000;
            sb.append("requests,customer_id=cust_").append(customer).append(",endpoint=/api/e")
                    .append((customer + s / 1_000_000) % 50).append(",region=r").append(customer % 10)
                    .append(",status_code=").append(200 + (s / 3) % 8).append(" latency=")
                    .append(latency(s)).append(' ').append(START).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A latency in milliseconds with one decimal, 1 to 500 with a long tail. */
    private static double latency(long s) {
        double u = (s * 0x9E3779B97F4A7C15L >>> 11) * 0x1.0p-53;
        return Math.round((1 + 499 * u * u * u) * 10) / 10.0;
    }

    /** The caller-thread work of {@link WriteEngine#write} but the log append, with its own CPU time. */
    private static final class EngineSide implements WriteService {
        private final SeriesCardinality cardinality;
        private final BoundedMemo<Tags, byte[]> encodedTagSets = new BoundedMemo<>(50_000);
        long cpu;
        long bytes;

        EngineSide(SeriesCardinality cardinality) {
            this.cardinality = cardinality;
        }

        @Override
        public void write(Collection<WriteBatch> batches) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            List<WriteBatch> copy = List.copyOf(batches);
            byte[][][] tagSets = BatchCodec.tagSets(copy, encodedTagSets);
            bytes += BatchCodec.encode(copy, tagSets).length();
            cardinality.record(copy, tagSets);
            cpu += THREADS.getCurrentThreadCpuTime() - t0;
        }
    }

    /** A catalog with a bound (empty) store and nothing pending, so admission counts every new series. */
    private record StoreCatalog(TimeSeriesStore store, SeriesCardinality cardinality) implements SeriesCatalog {
        @Override
        public Set<Tags> pendingSeries(String database, String measurement) {
            return Set.of();
        }
    }
}
