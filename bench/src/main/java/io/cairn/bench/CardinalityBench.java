package io.cairn.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 10's high-cardinality benchmark against Cairn started from the exported jar: writes
 * {@link CardinalityWorkload} through line protocol ({@code /write}) with concurrent clients, then measures
 * rows/s, the server's heap (sampled peak, and live after a full GC) and RSS peaks, disk bytes per series and per
 * point, and the latency of a one-customer p95 over 1 h, the top 10 customers by count over 1 h (SQL),
 * autocomplete of {@code customer_id} with a 6-character prefix and the series count
 * ({@code /api/v1/cardinality}). The server's default limit is 1,000,000 series per measurement, which the
 * series written (active ones plus churn) must stay under: e.g. 980,000 series for 10 minutes. Settings are system properties: {@code series} (1,000,000), {@code minutes}
 * (10), {@code churn} (0.10 per hour), {@code batch} (5,000 lines), {@code clients} (2), {@code heap} (1g),
 * {@code jar} (run/target/cairn.jar), {@code repeat} (20),
 * {@code bundles} (comma-separated bundle jars to update in the server first through the admin API, e.g. a
 * newer store-lmdb and ingest), {@code keep} (false: the server's data folder is deleted at the end).
 */
public final class CardinalityBench {
    private static final Pattern COUNT = Pattern.compile("\"count\":(\\d+)");
    private static final Pattern SERIES = Pattern.compile("\"measurement\":\"requests\",\"series\":(\\d+)");

    private CardinalityBench() {
    }

    public static void main(String[] args) throws Exception {
        int series = Integer.getInteger("series", 1_000_000);
        int minutes = Integer.getInteger("minutes", 10);
        int batch = Integer.getInteger("batch", 5_000);
        int clients = Integer.getInteger("clients", 2);
        int repeat = Integer.getInteger("repeat", 20);
        String heap = System.getProperty("heap", "1g");
        long nowMs = System.currentTimeMillis();
        long startNs = (nowMs - minutes * 60_000L) / 10_000 * 10_000 * 1_000_000L;
        CardinalityWorkload workload = new CardinalityWorkload(series, minutes * 6,
                Double.parseDouble(System.getProperty("churn", "0.10")), startNs);
        long g0 = System.nanoTime();
        try (BatchFile file = new BatchFile(workload::nextBatch, workload.rows(), batch)) {
            System.out.printf(Locale.ROOT, "generated %,d rows (%,d active series, %,d distinct with churn, %d steps of "
                    + "10 s) as %,d bytes in %.1f s%n", workload.rows(), series, workload.distinctSeries(),
                    workload.steps, file.bytes(), (System.nanoTime() - g0) / 1e9);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            Path dataDir = null;
            try (CairnProcess cairn = new CairnProcess(Path.of(System.getProperty("jar", "run/target/cairn.jar")), heap);
                    ServerHeap serverHeap = new ServerHeap(cairn.dataDir)) {
                dataDir = cairn.dataDir;
                updateBundles(http, cairn, System.getProperty("bundles", ""));
                double seconds = LineProtocolIngestBench.ingest(http, cairn.uri("/write?db=bench&precision=ns"),
                        "text/plain; charset=utf-8", file, clients);
                System.out.printf(Locale.ROOT, "ingest: %,d rows in %.1f s = %,.0f rows/s (%d clients, batches of %,d "
                        + "lines, load average %.1f); heap peak so far %,d MB%n", workload.rows(), seconds,
                        workload.rows() / seconds, clients, batch,
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), serverHeap.peakBytes() >> 20);
                awaitVisible(http, cairn, workload, startNs);
                measureQueries(http, cairn, workload, repeat);
                long lmdb = cairn.bytesOnDisk("lmdb");
                System.out.printf(Locale.ROOT, "disk: lmdb %,d bytes = %.1f bytes/series (%,d series) = %.2f bytes/point;"
                        + " wal %,d bytes%n", lmdb, lmdb / (double) workload.distinctSeries(), workload.distinctSeries(),
                        lmdb / (double) workload.rows(), cairn.bytesOnDisk("wal"));
                System.out.printf(Locale.ROOT, "server (-Xmx%s): heap peak %,d MB sampled, %,d MB live after a full GC; "
                        + "RSS peak %,d MB; log %s%n", heap, serverHeap.peakBytes() >> 20,
                        serverHeap.liveAfterGc() >> 20, cairn.residentBytes() >> 20, cairn.dataDir.resolve("cairn.log"));
            } finally {
                if (!Boolean.getBoolean("keep")) {
                    if (dataDir != null && Files.exists(dataDir)) {
                        deleteTree(dataDir);
                    }
                }
            }
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** PUTs each bundle jar to the admin API under its symbolic name, then waits until writes are served again. */
    private static void updateBundles(HttpClient http, CairnProcess cairn, String jars) throws Exception {
        for (String jar : jars.split(",")) {
            if (jar.isBlank()) {
                continue;
            }
            String name;
            try (JarFile j = new JarFile(jar.trim())) {
                name = j.getManifest().getMainAttributes().getValue("Bundle-SymbolicName").split(";")[0].trim();
            }
            LineTarget.send(http, HttpRequest.newBuilder(cairn.uri("/api/v1/admin/bundles/" + name))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(Path.of(jar.trim())))).build());
            System.out.println("updated bundle " + name + " from " + jar.trim());
        }
        for (int i = 0; i < 300; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(cairn.uri("/write?db=warmup&precision=ns"))
                    .POST(HttpRequest.BodyPublishers.ofString("w v=1 1\n")).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 == 2) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("writes not served after the bundle updates");
    }

    /** Waits until every row written is counted by a query, as a user would see it. */
    private static void awaitVisible(HttpClient http, CairnProcess cairn, CardinalityWorkload workload, long startNs)
            throws Exception {
        long t0 = System.nanoTime();
        long endMs = startNs / 1_000_000 + workload.steps * 10_000L;
        String body = "{\"queryType\":\"aggregate\",\"metricName\":\"requests\",\"field\":\"latency\","
                + "\"aggregation\":\"count\",\"timeRange\":{\"start\":" + startNs / 1_000_000 + ",\"end\":" + endMs + "}}";
        long visible = 0;
        long countNanos = 0;
        while (visible != workload.rows() && System.nanoTime() - t0 < 900_000_000_000L) {
            long q0 = System.nanoTime();
            String answer;
            try {
                answer = LineTarget.send(http, jsonPost(cairn.uri("/api/v1/query?db=bench"), body));
            } catch (IllegalStateException e) {
                answer = e.getMessage(); // a query timeout under load: count again
                System.out.println("visible: count failed, retrying: " + e.getMessage());
            }
            Matcher m = COUNT.matcher(answer);
            countNanos = System.nanoTime() - q0;
            visible = m.find() ? Long.parseLong(m.group(1)) : 0;
            if (visible != workload.rows()) {
                Thread.sleep(1000);
            }
        }
        System.out.printf(Locale.ROOT, "visible: %,d of %,d rows counted %.1f s after the last acknowledgement "
                + "(the count over every series took %.0f ms)%n", visible, workload.rows(),
                (System.nanoTime() - t0) / 1e9, countNanos / 1e6);
    }

    private static void measureQueries(HttpClient http, CairnProcess cairn, CardinalityWorkload workload, int repeat)
            throws Exception {
        Random random = new Random(7);
        long[] oneCustomer = new long[repeat];
        String answer = "";
        for (int i = 0; i < repeat; i++) {
            String body = "{\"queryType\":\"aggregate\",\"metricName\":\"requests\",\"field\":\"latency\","
                    + "\"aggregation\":\"p95\",\"filters\":{\"customer_id\":\"" + workload.activeCustomer(random.nextInt())
                    + "\"},\"timeRange\":{\"relative\":\"1h\"}}";
            long t = System.nanoTime();
            answer = LineTarget.send(http, jsonPost(cairn.uri("/api/v1/query?db=bench"), body));
            oneCustomer[i] = System.nanoTime() - t;
        }
        report("one-customer p95 over 1 h", oneCustomer, answer);

        String since = Instant.ofEpochMilli(System.currentTimeMillis() - 3_600_000L).toString();
        String sql = "{\"sql\":\"SELECT customer_id, COUNT(*) AS n FROM requests WHERE time >= ? GROUP BY customer_id "
                + "ORDER BY n DESC LIMIT 10\",\"params\":[\"" + since + "\"],\"database\":\"bench\"}";
        long[] top = new long[Math.min(repeat, 3)];
        try {
            for (int i = 0; i < top.length; i++) {
                long t = System.nanoTime();
                answer = LineTarget.send(http, jsonPost(cairn.uri("/api/v1/query/sql"), sql));
                top[i] = System.nanoTime() - t;
            }
            report("top-10 customers by count over 1 h (SQL)", top, answer);
        } catch (RuntimeException e) {
            System.out.println("top-10 customers by count over 1 h (SQL): failed: " + e.getMessage());
        }

        long[] autocomplete = new long[repeat];
        for (int i = 0; i < repeat; i++) {
            String prefix = "cust_" + (1 + random.nextInt(9));
            long t = System.nanoTime();
            answer = LineTarget.send(http, HttpRequest.newBuilder(cairn.uri("/api/v1/metrics/requests/dimensions/"
                    + "customer_id/values?db=bench&limit=100&prefix=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8)))
                    .build());
            autocomplete[i] = System.nanoTime() - t;
        }
        report("autocomplete customer_id, 6-character prefix, limit 100", autocomplete, answer);

        long[] count = new long[repeat];
        for (int i = 0; i < repeat; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(cairn.uri("/api/v1/cardinality?database=bench"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            count[i] = System.nanoTime() - t;
            if (r.statusCode() != 200) {
                System.out.println("series count: /api/v1/cardinality answers " + r.statusCode() + " (not in this jar)");
                return;
            }
            answer = r.body();
        }
        Matcher m = SERIES.matcher(answer);
        report("series count (/api/v1/cardinality)", count, m.find() ? "series=" + m.group(1) : answer);
    }

    private static HttpRequest jsonPost(URI uri, String body) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static void report(String what, long[] nanos, String lastAnswer) {
        LatencyStats stats = new LatencyStats(nanos);
        String shown = lastAnswer.length() > 300 ? lastAnswer.substring(0, 300) + "..." : lastAnswer;
        System.out.printf(Locale.ROOT, "%s: %d runs, p50 %.1f ms, p95 %.1f ms, max %.1f ms (load average %.1f); "
                + "last answer %s%n", what, stats.count(), stats.percentile(50), stats.percentile(95),
                stats.percentile(100), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), shown);
    }
}
