package io.cairn.bench;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue 10's high-cardinality benchmark: writes {@link CardinalityWorkload} through line protocol with concurrent
 * clients to Cairn started from the exported jar ({@link CairnCardinalityRun}) and, for comparison, to
 * VictoriaMetrics started from its binary ({@link VictoriaMetricsCardinalityRun}), one after the other on the same
 * bytes; each measures rows/s, RSS peak (and Cairn's heap), disk bytes per series and per point, and the latency
 * of a one-customer p95 over 1 h, the top 10 customers by count over 1 h, autocomplete of {@code customer_id} with
 * a 6-character prefix and the series count. Then a side-by-side table, with the answers checked against the
 * workload's and each other's ({@link CardinalityComparison}); the exit status is 1 on a wrong answer.
 *
 * <p>Cairn's default limit is 1,000,000 series per measurement, which the series written (active ones plus churn)
 * must stay under: e.g. 980,000 series for 10 minutes. The whole run must take under an hour (every point must stay
 * inside "the last hour"). Settings are system properties: {@code target} (both | cairn | victoria-metrics),
 * {@code series} (1,000,000), {@code minutes} (10), {@code churn} (0.10 per hour), {@code busy} (10 busier
 * customers, 110 series more; 0 for none), {@code batch} (5,000 lines),
 * {@code clients} (2), {@code repeat} (20), {@code seed} (7), for Cairn {@code heap} (1g), {@code jar}
 * (run/target/cairn.jar), {@code bundles} (comma-separated bundle jars to update in the server first through the
 * admin API), {@code deploy} (a deploy folder for the server, e.g. with
 * {@code io.cairn.ingest.internal.LineProtocolWriter.cfg} saying {@code max.series.per.measurement=6000000}), for VictoriaMetrics {@code vmBinary} (/usr/bin/victoria-metrics), {@code vmMemoryPercent} (10: its
 * {@code -memory.allowedPercent}) and {@code vmMaxQueryDuration} (120s; Cairn's query timeout is 30 s at most),
 * and {@code keep} (false: the servers' data folders are deleted at the end).
 */
public final class CardinalityBench {

    private CardinalityBench() {
    }

    public static void main(String[] args) throws Exception {
        int series = Integer.getInteger("series", 1_000_000);
        int minutes = Integer.getInteger("minutes", 10);
        int batch = Integer.getInteger("batch", 5_000);
        int clients = Integer.getInteger("clients", 2);
        String target = System.getProperty("target", "both");
        if (!List.of("both", "cairn", "victoria-metrics").contains(target)) {
            throw new IllegalArgumentException("-Dtarget= both, cairn or victoria-metrics, not " + target);
        }
        long nowMs = System.currentTimeMillis();
        long startNs = (nowMs - minutes * 60_000L) / 10_000 * 10_000 * 1_000_000L;
        CardinalityWorkload workload = new CardinalityWorkload(series, minutes * 6,
                Double.parseDouble(System.getProperty("churn", "0.10")), startNs, Integer.getInteger("busy", 10));
        CardinalityQuestions questions = CardinalityQuestions.draw(workload, Integer.getInteger("repeat", 20),
                Long.getLong("seed", 7));
        List<CardinalityFigures> figures = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        long g0 = System.nanoTime();
        try (BatchFile file = new BatchFile(workload::nextBatch, workload.rows(), batch)) {
            System.out.printf(Locale.ROOT, "generated %,d rows (%,d active series, %,d distinct with churn, %d steps of "
                    + "10 s) as %,d bytes in %.1f s; load average %s%n", workload.rows(), series,
                    workload.distinctSeries(), workload.steps, file.bytes(), (System.nanoTime() - g0) / 1e9,
                    TsbsQueryBench.loadAverage());
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            if (!target.equals("victoria-metrics")) {
                runOne("cairn", figures, problems,
                        () -> CairnCardinalityRun.run(http, file, workload, questions, clients, batch));
            }
            if (!target.equals("cairn")) {
                runOne("victoria-metrics", figures, problems,
                        () -> VictoriaMetricsCardinalityRun.run(http, file, workload, questions, clients, batch));
            }
        }
        if (System.currentTimeMillis() - startNs / 1_000_000 > 3_600_000L) {
            problems.add("the run took more than an hour: early points fell out of the queries' last hour");
        }
        if (!figures.isEmpty()) {
            problems.addAll(new CardinalityComparison(figures, new CardinalityAnswers(workload), questions).printAndCheck());
        }
        if (!problems.isEmpty()) {
            System.err.println(problems.size() + " problems: " + problems);
            System.exit(1);
        }
    }

    /** A target's whole run, from starting its server to stopping it. */
    private interface TargetRun {
        CardinalityFigures run() throws Exception;
    }

    private static void runOne(String name, List<CardinalityFigures> figures, List<String> problems, TargetRun run) {
        try {
            figures.add(run.run());
        } catch (Exception e) {
            e.printStackTrace();
            problems.add(name + " failed: " + e);
        }
    }
}
