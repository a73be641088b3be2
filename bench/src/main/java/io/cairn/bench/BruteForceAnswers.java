package io.cairn.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answers to the TSBS queries computed by brute force from the generator's own values (regenerated with the
 * same seed, one byte per field value), to check what the targets return.
 */
final class BruteForceAnswers {
    private static final int FIELDS = TsbsCpuGenerator.FIELDS.length;
    private static final long MINUTE_MS = 60_000L;
    private static final long HOUR_MS = 3_600_000L;
    private final int hosts;
    private final int steps;
    private final long startMs;
    private final long intervalMs;
    private final byte[] values;

    BruteForceAnswers(long seed, int hosts, int steps, long startNs, long intervalNs) {
        this.hosts = hosts;
        this.steps = steps;
        this.startMs = startNs / 1_000_000;
        this.intervalMs = intervalNs / 1_000_000;
        this.values = new byte[Math.multiplyExact(Math.multiplyExact(hosts, steps), FIELDS)];
        TsbsCpuGenerator generator = new TsbsCpuGenerator(hosts, seed, startNs, intervalNs);
        for (int i = 0, n = hosts * steps; i < n; i++) {
            int[] row = generator.nextRowValues();
            for (int f = 0; f < FIELDS; f++) {
                values[i * FIELDS + f] = (byte) row[f];
            }
        }
    }

    /** Returns whether this query type is answered here (and so checked). */
    static boolean answers(TsbsQueryType type) {
        return type.shape != TsbsQueryType.Shape.LAST_POINT;
    }

    ResultTable answer(TsbsQuery q) {
        return switch (q.type().shape) {
            case MAX_PER_MINUTE -> maxPerBucket(q, MINUTE_MS, q.startMs(), q.endMs(), Integer.MAX_VALUE);
            case MAX_PER_HOUR -> maxPerBucket(q, HOUR_MS, q.startMs(), q.endMs(), Integer.MAX_VALUE);
            case LAST_FIVE_MINUTES -> maxPerBucket(q, MINUTE_MS, Long.MIN_VALUE, q.endMs(), 5);
            case MEAN_PER_HOUR_AND_HOST -> meanPerHourAndHost(q);
            case HIGH_CPU -> highCpu(q);
            case LAST_POINT -> throw new UnsupportedOperationException("lastpoint is not checked");
        };
    }

    /** Max of each metric per bucket over the query's hosts; with a bucket limit, only the latest buckets. */
    private ResultTable maxPerBucket(TsbsQuery q, long bucketMs, long fromMs, long toMs, int lastBuckets) {
        TreeMap<Long, double[]> buckets = new TreeMap<>();
        int[] hostIds = hostIds(q);
        for (int s = firstStep(fromMs); s < steps && time(s) < toMs; s++) {
            double[] max = buckets.computeIfAbsent(Math.floorDiv(time(s), bucketMs) * bucketMs, b -> filled(q));
            for (int h : hostIds) {
                for (int m = 0; m < q.metrics().size(); m++) {
                    max[m] = Math.max(max[m], value(s, h, m));
                }
            }
        }
        while (buckets.size() > lastBuckets) {
            buckets.pollFirstEntry();
        }
        List<List<Object>> rows = new ArrayList<>();
        buckets.forEach((bucket, max) -> rows.add(row(bucket, null, max)));
        return new ResultTable(columns(q, false, "max_"), rows);
    }

    private ResultTable meanPerHourAndHost(TsbsQuery q) {
        Map<Long, double[][]> sums = new TreeMap<>();
        Map<Long, int[]> counts = new TreeMap<>();
        for (int s = firstStep(q.startMs()); s < steps && time(s) < q.endMs(); s++) {
            long bucket = Math.floorDiv(time(s), HOUR_MS) * HOUR_MS;
            double[][] sum = sums.computeIfAbsent(bucket, b -> new double[hosts][q.metrics().size()]);
            counts.computeIfAbsent(bucket, b -> new int[hosts]);
            for (int h = 0; h < hosts; h++) {
                counts.get(bucket)[h]++;
                for (int m = 0; m < q.metrics().size(); m++) {
                    sum[h][m] += value(s, h, m);
                }
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        sums.forEach((bucket, sum) -> {
            for (int h = 0; h < hosts; h++) {
                int n = counts.get(bucket)[h];
                rows.add(row(bucket, "host_" + h, Arrays.stream(sum[h]).map(x -> x / n).toArray()));
            }
        });
        return new ResultTable(columns(q, true, "mean_"), rows);
    }

    private ResultTable highCpu(TsbsQuery q) {
        List<List<Object>> rows = new ArrayList<>();
        int[] hostIds = hostIds(q);
        for (int s = firstStep(q.startMs()); s < steps && time(s) < q.endMs(); s++) {
            for (int h : hostIds) {
                if (value(s, h, 0) > 90) {
                    double[] all = new double[FIELDS];
                    for (int f = 0; f < FIELDS; f++) {
                        all[f] = value(s, h, f);
                    }
                    rows.add(row(time(s), "host_" + h, all));
                }
            }
        }
        List<String> columns = new ArrayList<>(List.of(ResultTable.TIME, "hostname"));
        columns.addAll(Arrays.asList(TsbsCpuGenerator.FIELDS));
        return new ResultTable(columns, rows);
    }

    private int[] hostIds(TsbsQuery q) {
        if (q.hosts().isEmpty()) {
            int[] all = new int[hosts];
            Arrays.setAll(all, i -> i);
            return all;
        }
        return q.hosts().stream().mapToInt(h -> Integer.parseInt(h.substring("host_".length()))).toArray();
    }

    private int firstStep(long fromMs) {
        return fromMs <= startMs ? 0 : (int) Math.min(steps, (fromMs - startMs + intervalMs - 1) / intervalMs);
    }

    private long time(int step) {
        return startMs + step * intervalMs;
    }

    private int value(int step, int host, int field) {
        return values[((step * hosts) + host) * FIELDS + field];
    }

    private static double[] filled(TsbsQuery q) {
        double[] max = new double[q.metrics().size()];
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        return max;
    }

    private static List<Object> row(long time, String host, double[] numbers) {
        List<Object> row = new ArrayList<>();
        row.add(time);
        if (host != null) {
            row.add(host);
        }
        for (double n : numbers) {
            row.add(n);
        }
        return row;
    }

    private static List<String> columns(TsbsQuery q, boolean withHost, String prefix) {
        List<String> columns = new ArrayList<>(List.of(ResultTable.TIME));
        if (withHost) {
            columns.add("hostname");
        }
        q.metrics().forEach(m -> columns.add(prefix + m));
        return columns;
    }
}
