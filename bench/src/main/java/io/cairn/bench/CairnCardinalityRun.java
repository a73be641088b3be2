package io.cairn.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cardinality workload against Cairn started from its jar ({@code jar}, {@code heap}, optionally newer
 * {@code bundles} first): ingest through {@code /write}, the wait until a count query sees every row, the four
 * questions through the JSON query API, SQL, the values endpoint and {@code /api/v1/cardinality}, then disk (LMDB),
 * heap and RSS.
 */
final class CairnCardinalityRun {
    private static final Pattern COUNT = Pattern.compile("\"count\":(\\d+)");
    private static final Pattern SERIES = Pattern.compile("\"measurement\":\"requests\",\"series\":(\\d+)");

    private CairnCardinalityRun() {
    }

    static CardinalityFigures run(HttpClient http, BatchFile file, CardinalityWorkload workload,
            CardinalityQuestions questions, int clients, int batch) throws Exception {
        CardinalityFigures f = new CardinalityFigures("cairn", workload.rows(), false);
        String heap = System.getProperty("heap", "1g");
        Path dataDir = null;
        try (CairnProcess cairn = new CairnProcess(Path.of(System.getProperty("jar", "run/target/cairn.jar")), heap,
                CairnProcess.deployEnvironment());
                TimedQueries timed = new TimedQueries(f)) {
            dataDir = cairn.dataDir;
            ServerHeap serverHeap = new ServerHeap(cairn.gcLog(), cairn.pid());
            updateBundles(http, cairn, System.getProperty("bundles", ""));
            f.ingestSeconds = LineProtocolIngestBench.ingest(http, cairn.uri("/write?db=bench&precision=ns"),
                    "text/plain; charset=utf-8", file, file.batches, clients);
            f.printIngest(clients, batch);
            f.visibleSeconds = awaitVisible(http, cairn, workload);
            ask(timed, cairn, f, questions);
            f.diskBytes = cairn.bytesOnDisk("lmdb");
            f.diskWhat = String.format(Locale.ROOT, "LMDB; the WAL adds %,d", cairn.bytesOnDisk("wal"));
            f.heapPeakBytes = serverHeap.peakBytes();
            f.heapLiveBytes = serverHeap.liveAfterGc();
            f.residentPeakBytes = cairn.residentBytes();
            f.printFootprint();
            System.out.printf(Locale.ROOT, "cairn: -Xmx%s; log %s%n", heap, cairn.dataDir.resolve("cairn.log"));
        } finally {
            if (!Boolean.getBoolean("keep") && dataDir != null) {
                ServerFiles.deleteTree(dataDir);
            }
        }
        return f;
    }

    @SuppressWarnings("unchecked")
    private static void ask(TimedQueries timed, CairnProcess cairn, CardinalityFigures f, CardinalityQuestions q)
            throws Exception {
        URI query = cairn.uri("/api/v1/query?db=bench");
        List<String> answers = timed.run(CardinalityFigures.ONE_CUSTOMER, "JSON aggregate p95, nearest rank",
                q.customers().size(), i -> jsonPost(query, "{\"queryType\":\"aggregate\",\"metricName\":\"requests\","
                        + "\"field\":\"latency\",\"aggregation\":\"p95\",\"filters\":{\"customer_id\":\""
                        + q.customers().get(i) + "\"},\"timeRange\":{\"relative\":\"1h\"}}"));
        if (!answers.isEmpty()) {
            List<Map<String, Object>> results = (List<Map<String, Object>>) json(answers.get(0)).get("results");
            f.firstCustomerP95 = results.isEmpty() ? Double.NaN : ResultTable.number(results.get(0).get("value"));
        }

        URI sql = cairn.uri("/api/v1/query/sql");
        answers = timed.run(CardinalityFigures.TOP_CUSTOMERS, "SQL GROUP BY customer_id ORDER BY n DESC LIMIT 10",
                Math.min(q.customers().size(), 3), i -> jsonPost(sql, "{\"sql\":\"SELECT customer_id, COUNT(*) AS n "
                        + "FROM requests WHERE time >= ? GROUP BY customer_id ORDER BY n DESC LIMIT 10\",\"params\":[\""
                        + Instant.ofEpochMilli(System.currentTimeMillis() - 3_600_000L) + "\"],\"database\":\"bench\"}"));
        if (!answers.isEmpty()) {
            for (List<Object> row : (List<List<Object>>) json(answers.get(0)).get("data")) {
                f.topCustomers.put((String) row.get(0), (long) ResultTable.number(row.get(1)));
            }
        }

        answers = timed.run(CardinalityFigures.AUTOCOMPLETE, "values endpoint, most series first",
                q.prefixes().size(), i -> HttpRequest.newBuilder(cairn.uri("/api/v1/metrics/requests/dimensions/"
                        + "customer_id/values?db=bench&limit=100&prefix="
                        + URLEncoder.encode(q.prefixes().get(i), StandardCharsets.UTF_8))).build());
        if (!answers.isEmpty()) {
            f.firstAutocomplete = (List<String>) json(answers.get(0)).get("values");
        }

        answers = timed.run(CardinalityFigures.SERIES_COUNT, "GET /api/v1/cardinality, exact from the index",
                q.customers().size(), i -> HttpRequest.newBuilder(cairn.uri("/api/v1/cardinality?database=bench")).build());
        if (!answers.isEmpty()) {
            Matcher m = SERIES.matcher(answers.get(0));
            f.seriesCount = m.find() ? Long.parseLong(m.group(1)) : -1;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String body) {
        return (Map<String, Object>) JsonReader.parse(body);
    }

    private static HttpRequest jsonPost(URI uri, String body) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
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

    /** Waits until a count over every series sees every row written, as a user would; returns the seconds waited. */
    private static double awaitVisible(HttpClient http, CairnProcess cairn, CardinalityWorkload workload)
            throws Exception {
        long t0 = System.nanoTime();
        long startMs = workload.startNs() / 1_000_000;
        String body = "{\"queryType\":\"aggregate\",\"metricName\":\"requests\",\"field\":\"latency\","
                + "\"aggregation\":\"count\",\"timeout\":\"300s\",\"timeRange\":{\"start\":" + startMs + ",\"end\":"
                + (startMs + workload.steps * 10_000L) + "}}";
        long visible = 0;
        long countNanos = 0;
        while (visible != workload.rows() && System.nanoTime() - t0 < 900_000_000_000L) {
            long q0 = System.nanoTime();
            String answer;
            try {
                answer = LineTarget.send(http, jsonPost(cairn.uri("/api/v1/query?db=bench"), body));
            } catch (IllegalStateException e) {
                answer = e.getMessage(); // a query timeout under load: count again
                System.out.println("cairn: visible: count failed, retrying: " + e.getMessage());
            }
            Matcher m = COUNT.matcher(answer);
            countNanos = System.nanoTime() - q0;
            visible = m.find() ? Long.parseLong(m.group(1)) : 0;
            if (visible != workload.rows()) {
                Thread.sleep(1000);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "cairn: visible: %,d of %,d rows counted %.1f s after the last acknowledgement "
                + "(the count over every series took %.0f ms)%n", visible, workload.rows(), seconds, countNanos / 1e6);
        return seconds;
    }
}
