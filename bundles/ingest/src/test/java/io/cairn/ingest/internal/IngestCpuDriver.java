package io.cairn.ingest.internal;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.TimeSeriesStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A manual driver (not a test) that feeds TSBS cpu-only request bodies through the request-thread stages of the
 * write path without HTTP and prints the CPU time per row of each: parsing into batches, the log record
 * encoding, the whole engine write (log append with group commit, buffer, cardinality), and the flusher's merge.
 * Run: {@code java -cp target/test-classes:target/classes:<test class path> io.cairn.ingest.internal.IngestCpuDriver
 * [rows] [hosts] [line|msgpack]}.
 */
public final class IngestCpuDriver {
    /** The TSBS cpu-only tag keys. */
    static final String[] TAGS = {"hostname", "region", "datacenter", "rack", "os", "arch", "team", "service",
        "service_version", "service_environment"};
    /** The TSBS cpu-only field keys. */
    static final String[] FIELDS = {"usage_user", "usage_system", "usage_idle", "usage_nice",
        "usage_iowait", "usage_irq", "usage_softirq", "usage_steal", "usage_guest", "usage_guest_nice"};
    private static final int BATCH = 5000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Logger LOG = LoggerFactory.getLogger(IngestCpuDriver.class);

    private IngestCpuDriver() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int hosts = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        boolean msgpack = args.length > 2 && args[2].equals("msgpack");
        List<byte[]> bodies = bodies(rows, hosts, msgpack);
        SeriesCatalog catalog = new NoStoreCatalog();
        ValidationLimits limits = new ValidationLimits(256, 0, 0, 64, 256, 1024, 1_000_000);
        List<List<WriteBatch>> parsed = new ArrayList<>();
        Path dir = Files.createTempDirectory("ingest-driver");
        for (int round = 0; round < 3; round++) {
            parsed.clear();
            List<WriteBatch> out = new ArrayList<>();
            LineProtocolWriter lines = new LineProtocolWriter(out::addAll, catalog, limits, Long.MAX_VALUE,
                    Clock.systemUTC());
            MsgpackWriter columns = new MsgpackWriter(out::addAll, catalog, limits, Long.MAX_VALUE, Clock.systemUTC());
            long t0 = cpu();
            for (byte[] body : bodies) {
                if (msgpack) {
                    columns.write("db", new ByteArrayInputStream(body), null);
                } else {
                    lines.write("db", Precision.NANOSECONDS, new ByteArrayInputStream(body), null);
                }
                parsed.add(List.copyOf(out));
                out.clear();
            }
            long parse = cpu() - t0;
            t0 = cpu();
            long bytes = 0;
            BoundedMemo<Tags, byte[]> encodedTagSets = new BoundedMemo<>(50_000);
            for (List<WriteBatch> batches : parsed) {
                bytes += BatchCodec.encode(batches, BatchCodec.tagSets(batches, encodedTagSets)).length();
            }
            long encode = cpu() - t0;
            t0 = cpu();
            for (int i = 0; i + 10 <= parsed.size(); i += 10) {
                List<WriteBatch> group = new ArrayList<>();
                parsed.subList(i, i + 10).forEach(group::addAll);
                BatchMerger.merge(group);
            }
            long merge = cpu() - t0;
            long engine = engineCpu(dir.resolve("wal" + round), parsed);
            if (round == 2) {
                Files.deleteIfExists(dir);
            }
            LOG.info(String.format("round %d %s: parse+build %.0f ns/row, log encoding %.0f ns/row (%.1f bytes/row), "
                    + "merge %.0f ns/row, engine write (all threads) %.0f ns/row", round, msgpack ? "msgpack" : "line",
                    (double) parse / rows, (double) encode / rows, (double) bytes / rows, (double) merge / rows,
                    (double) engine / rows));
        }
    }

    /** Returns the CPU time of all threads of the JVM while an engine takes the batches from two writers. */
    private static long engineCpu(Path dir, List<List<WriteBatch>> parsed) throws InterruptedException {
        WriteEngine engine = new WriteEngine(dir, FsyncPolicy.GROUP, 10, 64L << 20, 200, 1_000_000_000);
        try {
            long t0 = allCpu();
            Thread[] writers = new Thread[2];
            for (int w = 0; w < writers.length; w++) {
                int first = w;
                writers[w] = new Thread(() -> {
                    for (int i = first; i < parsed.size(); i += writers.length) {
                        engine.write(parsed.get(i));
                    }
                });
                writers[w].start();
            }
            for (Thread t : writers) {
                t.join();
            }
            return allCpu() - t0;
        } finally {
            engine.close();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                LOG.warn("Cannot delete {}", dir, e);
            }
        }
    }

    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static long allCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static List<byte[]> bodies(int rows, int hosts, boolean msgpack) throws IOException {
        Random random = new Random(42);
        String[][] tagValues = new String[hosts][TAGS.length];
        int[][] values = new int[hosts][FIELDS.length];
        for (int h = 0; h < hosts; h++) {
            for (int t = 0; t < TAGS.length; t++) {
                tagValues[h][t] = t == 0 ? "host_" + h : TAGS[t] + "_" + random.nextInt(10);
            }
        }
        List<byte[]> bodies = new ArrayList<>();
        long start = 1_700_000_000_000_000_000L;
        for (int first = 0; first < rows; first += BATCH) {
            int n = Math.min(BATCH, rows - first);
            long[] times = new long[n];
            int[] hostOf = new int[n];
            int[][] fields = new int[FIELDS.length][n];
            for (int i = 0; i < n; i++) {
                int row = first + i;
                hostOf[i] = row % hosts;
                times[i] = start + (long) (row / hosts) * 10_000_000_000L;
                for (int f = 0; f < FIELDS.length; f++) {
                    int[] v = values[hostOf[i]];
                    v[f] = Math.max(0, Math.min(100, v[f] + random.nextInt(11) - 5));
                    fields[f][i] = v[f];
                }
            }
            bodies.add(msgpack ? columns(tagValues, hostOf, times, fields) : lines(tagValues, hostOf, times, fields));
        }
        return bodies;
    }

    private static byte[] lines(String[][] tagValues, int[] hostOf, long[] times, int[][] fields) {
        StringBuilder sb = new StringBuilder(times.length * 330);
        for (int i = 0; i < times.length; i++) {
            sb.append("cpu");
            for (int t = 0; t < TAGS.length; t++) {
                sb.append(',').append(TAGS[t]).append('=').append(tagValues[hostOf[i]][t]);
            }
            for (int f = 0; f < FIELDS.length; f++) {
                sb.append(f == 0 ? ' ' : ',').append(FIELDS[f]).append('=').append(fields[f][i]).append('i');
            }
            sb.append(' ').append(times[i]).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] columns(String[][] tagValues, int[] hostOf, long[] times, int[][] fields)
            throws IOException {
        try (MessageBufferPacker out = MessagePack.newDefaultBufferPacker()) {
            out.packMapHeader(4).packString("m").packString("cpu").packString("precision").packString("ns");
            out.packString("tags").packArrayHeader(TAGS.length);
            for (String tag : TAGS) {
                out.packString(tag);
            }
            out.packString("columns").packMapHeader(1 + TAGS.length + FIELDS.length);
            out.packString("time").packArrayHeader(times.length);
            for (long t : times) {
                out.packLong(t);
            }
            for (int t = 0; t < TAGS.length; t++) {
                out.packString(TAGS[t]).packArrayHeader(times.length);
                for (int h : hostOf) {
                    out.packString(tagValues[h][t]);
                }
            }
            for (int f = 0; f < FIELDS.length; f++) {
                out.packString(FIELDS[f]).packArrayHeader(times.length);
                for (int v : fields[f]) {
                    out.packInt(v);
                }
            }
            return out.toByteArray();
        }
    }

    /** A catalog without a bound store: admission lets everything through, as it does before a store binds. */
    private static final class NoStoreCatalog implements SeriesCatalog {
        @Override
        public TimeSeriesStore store() {
            return null;
        }

        @Override
        public Set<Tags> pendingSeries(String database, String measurement) {
            return Set.of();
        }
    }
}
