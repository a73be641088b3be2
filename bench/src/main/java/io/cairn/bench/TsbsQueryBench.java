package io.cairn.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The TSBS devops (cpu-only) query set against Cairn or a peer: loads the TSBS cpu data through line protocol,
 * waits until every row is visible, then runs each query type with seeded random parameters after a warm-up,
 * one query at a time, and prints mean/p50/p95/p99 latency and queries/s per type; the answers of the first
 * queries of each type are checked against brute-force answers computed from the generator. With
 * {@code -Dseconds=} it runs one type ({@code -Dtype=}) from {@code -Dclients=} threads instead.
 *
 * <p>Settings (system properties): {@code target} (cairn | questdb | influxdb | victoriametrics), {@code store}
 * (lmdb | parquet | clickhouse, for Cairn), {@code url} (a peer's base URL), {@code hosts} (100), {@code hours}
 * (24), {@code seed} (1), {@code queries} (100), {@code warmup} (5), {@code checks} (3 per type), {@code types}
 * (comma-separated ids; all), {@code load} (true; false reuses a peer's loaded data), {@code deploy},
 * {@code typeSeconds} (60: a type stops after the query that passes this much time), {@code license}, {@code jar},
 * {@code heap}, {@code clients}, {@code seconds}, {@code type}, {@code keep} (false: Cairn's data folder is deleted at the end).
 */
public final class TsbsQueryBench {
    static final long INTERVAL_NS = 10_000_000_000L;
    private static final long STEPS_PER_HOUR = 360;

    private TsbsQueryBench() {
    }

    public static void main(String[] args) throws Exception {
        int hosts = Integer.getInteger("hosts", 100);
        int hours = Integer.getInteger("hours", 24);
        long seed = Long.getLong("seed", 1);
        int steps = (int) (hours * STEPS_PER_HOUR);
        long rows = (long) hosts * steps;
        long startNs = Instant.parse(System.getProperty("start", "2026-11-21T00:00:00Z")).toEpochMilli() * 1_000_000;
        long startMs = startNs / 1_000_000;
        long endMs = startMs + steps * (INTERVAL_NS / 1_000_000);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> problems = List.of();
        try (QueryTarget target = QueryTarget.open(System.getProperty("target", "cairn"), http)) {
            if (Boolean.parseBoolean(System.getProperty("load", "true"))) {
                load(target, http, hosts, seed, startNs, rows);
            }
            double waited = target.awaitRows(http, rows, startMs, endMs);
            System.out.printf(Locale.ROOT, "%s: all %,d rows (%,d hosts x %d h at 10 s) visible %.1f s after the load; load average %s%n",
                    target.name, rows, hosts, hours, waited, loadAverage());
            target.printFootprint(rows);
            QueryDraw draw = new QueryDraw(seed, hosts, startMs, endMs);
            if (System.getProperty("seconds") != null) {
                new ThroughputRun(target, http, draw).run(TsbsQueryType.of(System.getProperty("type", "single-groupby-1-1-1")),
                        Integer.getInteger("clients", 4), Integer.getInteger("seconds", 30));
                return;
            }
            BruteForceAnswers oracle = Integer.getInteger("checks", 3) > 0 && target.dialect.checkable()
                    ? new BruteForceAnswers(seed, hosts, steps, startNs, INTERVAL_NS) : null;
            problems = new QuerySetRun(target, draw, oracle).run(types());
            problems.forEach(System.err::println);
        }
        if (!problems.isEmpty()) {
            System.err.println(problems.size() + " WRONG ANSWERS or failed query types");
            System.exit(1);
        }
    }

    private static void load(QueryTarget target, HttpClient http, int hosts, long seed, long startNs, long rows)
            throws Exception {
        target.removeOldData(http);
        TsbsCpuGenerator generator = new TsbsCpuGenerator(hosts, seed, startNs, INTERVAL_NS);
        try (BatchFile file = new BatchFile(generator::nextBatch, rows, Integer.getInteger("batch", 5_000))) {
            double seconds = LineProtocolIngestBench.ingest(http, target.writeUri, "text/plain; charset=utf-8", file, file.batches,
                    Integer.getInteger("loadClients", 2));
            System.out.printf(Locale.ROOT, "%s: loaded %,d rows in %.1f s = %,.0f rows/s%n", target.name, rows, seconds,
                    rows / seconds);
        }
    }

    private static List<TsbsQueryType> types() {
        String list = System.getProperty("types", "");
        if (list.isBlank()) {
            return Arrays.asList(TsbsQueryType.values());
        }
        List<TsbsQueryType> types = new ArrayList<>();
        for (String id : list.split(",")) {
            types.add(TsbsQueryType.of(id.trim()));
        }
        return types;
    }

    /** The 1-, 5- and 15-minute load averages of the machine, as {@code uptime} shows them. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /** Seeded parameter streams: each query type draws the same parameters on every target. */
    record QueryDraw(long seed, int hosts, long startMs, long endMs) {
        Random random(TsbsQueryType type, int stream) {
            return new Random(seed * 1_000_003L + type.ordinal() * 7919L + stream);
        }

        TsbsQuery next(TsbsQueryType type, Random random) {
            return TsbsQuery.draw(type, random, hosts, startMs, endMs);
        }
    }
}
