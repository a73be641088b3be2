package io.cairn.bench;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * The TSBS cpu-only workload as InfluxDB line protocol: measurement {@code cpu}, ten tags fixed per host
 * (picked deterministically from TSBS's value lists), ten integer {@code usage_*} fields that follow a seeded
 * random walk per host clamped to 0..100, one row per host every interval. Rows come step by step, every host
 * of a step before the next step, as TSBS writes them.
 */
final class TsbsCpuGenerator {
    static final String[] TAGS = {"hostname", "region", "datacenter", "rack", "os", "arch", "team", "service",
        "service_version", "service_environment"};
    static final String[] FIELDS = {"usage_user", "usage_system", "usage_idle", "usage_nice", "usage_iowait",
        "usage_irq", "usage_softirq", "usage_steal", "usage_guest", "usage_guest_nice"};
    private static final String[] REGIONS = {"us-east-1", "us-west-1", "us-west-2", "eu-west-1", "eu-central-1",
        "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "sa-east-1"};
    private static final String[] ZONES = {"a", "b", "c"};
    private static final String[] OSES = {"Ubuntu16.10", "Ubuntu16.04LTS", "Ubuntu15.10"};
    private static final String[] ARCHES = {"x64", "x86"};
    private static final String[] TEAMS = {"SF", "NYC", "LON", "CHI"};
    private static final String[] ENVIRONMENTS = {"production", "staging", "test"};

    private final String[][] tagValues;
    private final byte[][] tagPrefixes;
    private final int[][] values;
    private final Random[] walks;
    private final long startNs;
    private final long intervalNs;
    private long row;

    TsbsCpuGenerator(int hosts, long seed, long startNs, long intervalNs) {
        this.startNs = startNs;
        this.intervalNs = intervalNs;
        tagValues = new String[hosts][];
        tagPrefixes = new byte[hosts][];
        values = new int[hosts][FIELDS.length];
        walks = new Random[hosts];
        for (int h = 0; h < hosts; h++) {
            Random pick = new Random(seed * 1_000_003 + h);
            tagValues[h] = tags(h, pick);
            StringBuilder prefix = new StringBuilder("cpu");
            for (int t = 0; t < TAGS.length; t++) {
                prefix.append(',').append(TAGS[t]).append('=').append(tagValues[h][t]);
            }
            tagPrefixes[h] = prefix.append(' ').toString().getBytes(StandardCharsets.UTF_8);
            walks[h] = new Random(seed * 7_919 + h);
            for (int f = 0; f < FIELDS.length; f++) {
                values[h][f] = walks[h].nextInt(101);
            }
        }
    }

    private static String[] tags(int host, Random pick) {
        String region = REGIONS[pick.nextInt(REGIONS.length)];
        return new String[] {"host_" + host, region, region + ZONES[pick.nextInt(ZONES.length)],
            Integer.toString(pick.nextInt(100)), OSES[pick.nextInt(OSES.length)], ARCHES[pick.nextInt(ARCHES.length)],
            TEAMS[pick.nextInt(TEAMS.length)], Integer.toString(pick.nextInt(20)), Integer.toString(pick.nextInt(2)),
            ENVIRONMENTS[pick.nextInt(ENVIRONMENTS.length)]};
    }

    /** Returns the time of the current row and moves the random walk of its host one step. */
    private long step() {
        int host = (int) (row % tagPrefixes.length);
        int[] v = values[host];
        for (int f = 0; f < FIELDS.length; f++) {
            v[f] = Math.max(0, Math.min(100, v[f] + walks[host].nextInt(11) - 5));
        }
        return startNs + (row / tagPrefixes.length) * intervalNs;
    }

    /** Moves to the next row (host by host, step by step) and returns its field values; the array is reused. */
    int[] nextRowValues() {
        int host = (int) (row % tagPrefixes.length);
        step();
        row++;
        return values[host];
    }

    /**
     * Returns the next {@code rows} rows as one MessagePack columnar item of Cairn's msgpack endpoint:
     * {@code {"m":"cpu","precision":"ns","tags":[...],"columns":{"time":[...],tag:[...],field:[...]}}}.
     */
    byte[] nextColumns(int rows) {
        int hosts = tagPrefixes.length;
        long[] times = new long[rows];
        int[] hostOf = new int[rows];
        int[][] fields = new int[FIELDS.length][rows];
        for (int i = 0; i < rows; i++) {
            hostOf[i] = (int) (row % hosts);
            times[i] = step();
            for (int f = 0; f < FIELDS.length; f++) {
                fields[f][i] = values[hostOf[i]][f];
            }
            row++;
        }
        MsgpackOut out = new MsgpackOut(rows * 120);
        out.map(4).str("m").str("cpu").str("precision").str("ns").str("tags").array(TAGS.length);
        for (String tag : TAGS) {
            out.str(tag);
        }
        out.str("columns").map(1 + TAGS.length + FIELDS.length).str("time").array(rows);
        for (long t : times) {
            out.integer(t);
        }
        for (int t = 0; t < TAGS.length; t++) {
            out.str(TAGS[t]).array(rows);
            for (int i = 0; i < rows; i++) {
                out.str(tagValues[hostOf[i]][t]);
            }
        }
        for (int f = 0; f < FIELDS.length; f++) {
            out.str(FIELDS[f]).array(rows);
            for (int i = 0; i < rows; i++) {
                out.integer(fields[f][i]);
            }
        }
        return out.bytes();
    }

    /** Returns the next {@code lines} rows as one request body, each line ending in a newline. */
    byte[] nextBatch(int lines) {
        ByteSink out = new ByteSink(lines * 330);
        for (int i = 0; i < lines; i++) {
            int host = (int) (row % tagPrefixes.length);
            long timestamp = step();
            out.append(tagPrefixes[host]);
            int[] v = values[host];
            for (int f = 0; f < FIELDS.length; f++) {
                out.append(f == 0 ? "" : ",").append(FIELDS[f]).append("=").append(v[f]).append("i");
            }
            out.append(" ").append(timestamp).append("\n");
            row++;
        }
        return out.toByteArray();
    }

    /** A growable byte buffer that appends ASCII text without a StringBuilder round trip. */
    private static final class ByteSink {
        private byte[] buf;
        private int size;

        ByteSink(int capacity) {
            buf = new byte[capacity];
        }

        ByteSink append(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buf, size, bytes.length);
            size += bytes.length;
            return this;
        }

        ByteSink append(String ascii) {
            ensure(ascii.length());
            for (int i = 0; i < ascii.length(); i++) {
                buf[size++] = (byte) ascii.charAt(i);
            }
            return this;
        }

        ByteSink append(long n) {
            return append(Long.toString(n));
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(buf, size);
        }
    }
}
