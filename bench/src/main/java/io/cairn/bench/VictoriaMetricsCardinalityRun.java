package io.cairn.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cardinality workload against VictoriaMetrics started from its binary ({@code vmBinary},
 * {@code vmMemoryPercent}): the same line protocol to its {@code /write} (it names the series
 * {@code requests_latency}), {@code /internal/force_flush} until a count sees every row, then the four questions in
 * MetricsQL over {@code /api/v1/query} at the current time with {@code nocache=1} (computed, not served from the
 * rollup cache) and the label-values API, then its disk bytes and RSS peak. Its exact series count reads the
 * data of the last hour, so it runs 3 times like the top 10, not {@code repeat} times.
 */
final class VictoriaMetricsCardinalityRun {
    private static final String METRIC = "requests_latency";

    private VictoriaMetricsCardinalityRun() {
    }

    static CardinalityFigures run(HttpClient http, BatchFile file, CardinalityWorkload workload,
            CardinalityQuestions questions, int clients, int batch) throws Exception {
        CardinalityFigures f = new CardinalityFigures("victoria-metrics", workload.rows(), true);
        try (VictoriaMetricsProcess vm = new VictoriaMetricsProcess(
                Path.of(System.getProperty("vmBinary", "/usr/bin/victoria-metrics")),
                Integer.getInteger("vmMemoryPercent", 10), System.getProperty("vmMaxQueryDuration", "120s"),
                Boolean.getBoolean("keep"));
                BlockingHttp control = new BlockingHttp();
                TimedQueries timed = new TimedQueries(f)) {
            f.ingestSeconds = LineProtocolIngestBench.ingest(http, vm.uri("/write"), "text/plain; charset=utf-8",
                    file, file.batches, clients);
            f.printIngest(clients, batch);
            f.visibleSeconds = awaitVisible(control, vm, workload);
            ask(timed, vm, f, questions);
            vm.forceFlush(control);
            f.diskBytes = vm.bytesOnDisk();
            f.diskWhat = "storage folder: data and index, after a flush";
            f.residentPeakBytes = vm.peakResidentBytes();
            f.printFootprint();
            System.out.printf(Locale.ROOT, "victoria-metrics: -memory.allowedPercent=%d; log %s%n",
                    Integer.getInteger("vmMemoryPercent", 10), vm.dataDir.resolve("victoria-metrics.log"));
        }
        return f;
    }

    /** Flushes and counts until every row is counted; returns the seconds from the last acknowledgement. */
    private static double awaitVisible(BlockingHttp http, VictoriaMetricsProcess vm, CardinalityWorkload workload)
            throws Exception {
        long t0 = System.nanoTime();
        long window = (System.currentTimeMillis() - workload.startNs() / 1_000_000) / 1000 + 3600;
        long visible = -1;
        for (int i = 0; i < 600 && visible != workload.rows(); i++) {
            if (i > 0) {
                Thread.sleep(500);
            }
            vm.forceFlush(http);
            try {
                List<Map<String, Object>> result = result(http, vm, "sum(count_over_time(" + METRIC + "[" + window + "s]))");
                visible = result.isEmpty() ? 0 : (long) value(result.get(0));
            } catch (IllegalStateException timeout) {
                System.out.println("victoria-metrics: visible: count failed, retrying: " + timeout.getMessage());
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "victoria-metrics: visible: %,d of %,d rows counted %.1f s after the last "
                + "acknowledgement (force_flush, then sum(count_over_time(...)))%n", visible, workload.rows(), seconds);
        if (visible != workload.rows()) {
            throw new IllegalStateException("victoria-metrics counts " + visible + " of " + workload.rows() + " rows");
        }
        return seconds;
    }

    private static void ask(TimedQueries timed, VictoriaMetricsProcess vm, CardinalityFigures f, CardinalityQuestions q)
            throws Exception {
        List<String> answers = timed.run(CardinalityFigures.ONE_CUSTOMER, "max of quantile_over_time per series",
                q.customers().size(), i -> instant(vm, "max(quantile_over_time(0.95, " + METRIC + "{customer_id=\""
                        + q.customers().get(i) + "\"}[1h]))"));
        if (!answers.isEmpty()) {
            List<Map<String, Object>> result = result(answers.get(0));
            f.firstCustomerP95 = result.isEmpty() ? Double.NaN : value(result.get(0));
        }

        answers = timed.run(CardinalityFigures.TOP_CUSTOMERS, "topk(10, sum by (customer_id) (count_over_time))",
                Math.min(q.customers().size(), 3), i -> instant(vm, "topk(10, sum by (customer_id) (count_over_time("
                        + METRIC + "[1h])))"));
        if (!answers.isEmpty()) {
            List<Map<String, Object>> result = result(answers.get(0));
            result.sort((a, b) -> Double.compare(value(b), value(a)));
            for (Map<String, Object> series : result) {
                f.topCustomers.put(label(series, "customer_id"), (long) value(series));
            }
        }

        answers = timed.run(CardinalityFigures.AUTOCOMPLETE, "label values, match[] =~prefix.*, in name order",
                q.prefixes().size(), i -> {
                    long now = System.currentTimeMillis() / 1000;
                    return get(vm, "/api/v1/label/customer_id/values?limit=100&start=" + (now - 3600) + "&end=" + now
                            + "&match[]=" + QueryDialect.urlEncode("{__name__=\"" + METRIC + "\",customer_id=~\""
                            + q.prefixes().get(i) + ".*\"}"));
                });
        if (!answers.isEmpty()) {
            f.firstAutocomplete = data(answers.get(0));
        }

        answers = timed.run(CardinalityFigures.SERIES_COUNT, "count(count_over_time(...[1h])), exact for the metric",
                Math.min(q.customers().size(), 3), i -> instant(vm, "count(count_over_time(" + METRIC + "[1h]))"));
        if (!answers.isEmpty()) {
            List<Map<String, Object>> result = result(answers.get(0));
            f.seriesCount = result.isEmpty() ? 0 : (long) value(result.get(0));
        }
        answers = timed.run(CardinalityFigures.SERIES_COUNT_INDEX, "/api/v1/series/count, every metric",
                q.customers().size(), i -> get(vm, "/api/v1/series/count"));
        if (!answers.isEmpty()) {
            f.seriesCountIndex = (long) ResultTable.number(VictoriaMetricsCardinalityRun.<List<Object>>data(answers.get(0))
                    .get(0));
        }
    }

    private static HttpRequest instant(VictoriaMetricsProcess vm, String metricsQl) {
        return get(vm, "/api/v1/query?nocache=1&query=" + QueryDialect.urlEncode(metricsQl));
    }

    private static HttpRequest get(VictoriaMetricsProcess vm, String pathAndQuery) {
        return HttpRequest.newBuilder(vm.uri(pathAndQuery)).GET().build();
    }

    private static List<Map<String, Object>> result(BlockingHttp http, VictoriaMetricsProcess vm, String metricsQl)
            throws Exception {
        BlockingHttp.Reply reply = http.send(instant(vm, metricsQl));
        if (reply.status() != 200) {
            throw new IllegalStateException(metricsQl + " -> " + reply.status() + " " + reply.body());
        }
        return result(reply.body());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> result(String body) {
        return (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) JsonReader.parse(body))
                .get("data")).get("result");
    }

    @SuppressWarnings("unchecked")
    private static <T> T data(String body) {
        return (T) ((Map<String, Object>) JsonReader.parse(body)).get("data");
    }

    @SuppressWarnings("unchecked")
    private static double value(Map<String, Object> series) {
        return ResultTable.number(((List<Object>) series.get("value")).get(1));
    }

    @SuppressWarnings("unchecked")
    private static String label(Map<String, Object> series, String name) {
        return (String) ((Map<String, Object>) series.get("metric")).get(name);
    }
}
