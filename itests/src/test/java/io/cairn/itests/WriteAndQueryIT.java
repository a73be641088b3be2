package io.cairn.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** JSON write and the dashboard JSON query through HTTP, against the real bundles and LMDB. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WriteAndQueryIT extends CairnTestSupport {
    private static final int POINTS = 60;
    private static final long STEP_MS = 10_000;
    private static final long BASE_MS = (System.currentTimeMillis() / 60_000 - 30) * 60_000;
    private static boolean written;

    /** The points written: host h{i} has value 10·i + k at BASE + k·10 s. */
    private static double value(int host, int k) {
        return 10.0 * host + k + (k % 7) * 0.25;
    }

    @Before
    public void writeOnce() throws Exception {
        Http.awaitHealthy();
        if (written) {
            return;
        }
        StringBuilder body = new StringBuilder("{\"metrics\":[");
        for (int host = 1; host <= 3; host++) {
            for (int k = 0; k < POINTS; k++) {
                if (body.charAt(body.length() - 1) != '[') {
                    body.append(',');
                }
                body.append(String.format("{\"name\":\"cpu_load\",\"timestamp\":%d,\"value\":%s,"
                        + "\"dimensions\":{\"host\":\"h%d\",\"region\":\"%s\"}}",
                        BASE_MS + k * STEP_MS, value(host, k), host, host == 3 ? "r2" : "r1"));
            }
        }
        body.append("]}");
        Http.Response r = Http.post("/api/v1/write?db=itest", body.toString());
        assertEquals(r.body(), 200, r.status());
        assertEquals(3 * POINTS, r.json().get("accepted").asInt());
        assertEquals(0, r.json().get("rejected").asInt());
        written = true;
        awaitRows("cpu_load", 3 * POINTS);
    }

    private static void awaitRows(String metric, int rows) throws Exception {
        long deadline = System.currentTimeMillis() + 5000;
        int seen = -1;
        while (System.currentTimeMillis() < deadline) {
            seen = query("{\"queryType\":\"range\",\"metricName\":\"" + metric + "\",\"timeRange\":{\"relative\":\"2h\"}}")
                    .get("results").size();
            if (seen == rows) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("acknowledged rows not visible within five seconds: " + seen + " of " + rows);
    }

    private static JsonNode query(String json) throws Exception {
        Http.Response r = Http.post("/api/v1/query?db=itest", json);
        assertEquals(r.body(), 200, r.status());
        return r.json();
    }

    private static String aggregate(String function, String extra) {
        return "{\"queryType\":\"aggregate\",\"metricName\":\"cpu_load\",\"aggregation\":\"" + function
                + "\",\"groupBy\":[\"host\"],\"timeRange\":{\"start\":" + BASE_MS + ",\"end\":"
                + (BASE_MS + POINTS * STEP_MS) + "}" + extra + "}";
    }

    private static Map<String, JsonNode> byHost(JsonNode results) {
        Map<String, JsonNode> map = new HashMap<>();
        results.forEach(r -> map.put(r.get("groupKey").get("host").asText(), r));
        return map;
    }

    private static List<Double> values(int host) {
        List<Double> values = new ArrayList<>();
        for (int k = 0; k < POINTS; k++) {
            values.add(value(host, k));
        }
        return values;
    }

    @Test
    public void rangeReturnsEveryPointWithItsDimensions() throws Exception {
        JsonNode results = query("{\"queryType\":\"range\",\"metricName\":\"cpu_load\",\"timeRange\":{\"relative\":\"2h\"},"
                + "\"filters\":{\"host\":\"h2\"}}").get("results");
        assertEquals(POINTS, results.size());
        for (int k = 0; k < POINTS; k++) {
            JsonNode point = results.get(k);
            assertEquals(BASE_MS + k * STEP_MS, point.get("timestamp").asLong());
            assertEquals(value(2, k), point.get("value").asDouble(), 0.0);
            assertEquals("r1", point.get("dimensions").get("region").asText());
        }
    }

    @Test
    public void basicAggregatesMatchTheWrittenValues() throws Exception {
        for (String fn : List.of("avg", "sum", "count", "min", "max")) {
            Map<String, JsonNode> results = byHost(query(aggregate(fn, "")).get("results"));
            assertEquals(fn, 3, results.size());
            for (int host = 1; host <= 3; host++) {
                List<Double> v = values(host);
                double sum = v.stream().mapToDouble(Double::doubleValue).sum();
                double expected = switch (fn) {
                    case "avg" -> sum / v.size();
                    case "sum" -> sum;
                    case "count" -> v.size();
                    case "min" -> v.stream().mapToDouble(Double::doubleValue).min().getAsDouble();
                    default -> v.stream().mapToDouble(Double::doubleValue).max().getAsDouble();
                };
                JsonNode r = results.get("h" + host);
                assertEquals(fn + " h" + host, expected, r.get("value").asDouble(), 1e-9);
                assertEquals(POINTS, r.get("count").asInt());
            }
        }
    }

    @Test
    public void filtersWithAListMeanIn() throws Exception {
        JsonNode results = query("{\"queryType\":\"aggregate\",\"metricName\":\"cpu_load\",\"aggregation\":\"count\","
                + "\"timeRange\":{\"relative\":\"2h\"},\"filters\":{\"host\":[\"h1\",\"h3\"]}}").get("results");
        assertEquals(1, results.size());
        assertEquals(2 * POINTS, results.get(0).get("value").asInt());
    }

    @Test
    public void integralIsTheTrapezoidAreaInValueSeconds() throws Exception {
        Map<String, JsonNode> results = byHost(query(aggregate("integral", "")).get("results"));
        for (int host = 1; host <= 3; host++) {
            double area = 0;
            for (int k = 1; k < POINTS; k++) {
                area += (value(host, k - 1) + value(host, k)) / 2 * (STEP_MS / 1000.0);
            }
            assertEquals(area, results.get("h" + host).get("value").asDouble(), 1e-6);
        }
    }

    @Test
    public void percentilesLieOnTheWrittenValues() throws Exception {
        for (String fn : List.of("p50", "p95", "p99")) {
            double q = Integer.parseInt(fn.substring(1)) / 100.0;
            Map<String, JsonNode> results = byHost(query(aggregate(fn, "")).get("results"));
            for (int host = 1; host <= 3; host++) {
                List<Double> sorted = values(host);
                sorted.sort(null);
                double actual = results.get("h" + host).get("value").asDouble();
                double rank = q * (sorted.size() - 1);
                // exact: the nearest-rank value, or an interpolation between the neighbours of the rank
                double low = sorted.get(Math.max(0, (int) Math.floor(rank) - 1));
                double high = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(rank) + 1));
                assertTrue(fn + " h" + host + " = " + actual + " not within [" + low + "," + high + "]",
                        actual >= low - 1e-9 && actual <= high + 1e-9);
            }
        }
    }

    @Test
    public void intervalsBucketTheRange() throws Exception {
        JsonNode results = query(aggregate("count", ",\"interval\":\"1m\"")).get("results");
        assertEquals(3, results.size());
        for (JsonNode group : results) {
            JsonNode points = group.get("points");
            assertEquals(POINTS * STEP_MS / 60_000, points.size());
            for (JsonNode point : points) {
                assertEquals(0, point.get(0).asLong() % 60_000);
                assertEquals(6, point.get(1).asInt());
            }
        }
    }

    @Test
    public void rateIgnoresCounterResets() throws Exception {
        long[] counter = {100, 160, 220, 10, 70, 130};
        StringBuilder body = new StringBuilder("{\"metrics\":[");
        for (int k = 0; k < counter.length; k++) {
            body.append(k == 0 ? "" : ",").append(String.format(
                    "{\"name\":\"requests_total\",\"timestamp\":%d,\"value\":%d,\"dimensions\":{\"host\":\"h1\"}}",
                    BASE_MS + k * STEP_MS, counter[k]));
        }
        assertEquals(200, Http.post("/api/v1/write?db=itest", body.append("]}").toString()).status());
        awaitRows("requests_total", counter.length);
        JsonNode results = query("{\"queryType\":\"rate\",\"metricName\":\"requests_total\",\"interval\":\"1m\","
                + "\"timeRange\":{\"start\":" + BASE_MS + ",\"end\":" + (BASE_MS + 60_000) + "}}").get("results");
        assertEquals(1, results.size());
        JsonNode points = results.get(0).get("points");
        assertEquals(1, points.size());
        // increases 60+60+60+60 over the minute (the reset 220 -> 10 counts nothing): 240 / 60 s
        assertEquals(4.0, points.get(0).get(1).asDouble(), 1e-9);
    }

    @Test
    public void autocompleteFindsValuesByPrefixMostSeriesFirst() throws Exception {
        String lines = "api,customer_id=cust_12a,endpoint=e1 n=1i\napi,customer_id=cust_12a,endpoint=e2 n=1i\n"
                + "api,customer_id=cust_12a,endpoint=e3 n=1i\napi,customer_id=cust_12b,endpoint=e1 n=1i\n"
                + "api,customer_id=cust_13,endpoint=e1 n=1i\napi,customer_id=cust_13,endpoint=e2 n=1i\n";
        assertEquals(204, Http.post("/write?db=complete", lines.getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain").status());
        String url = "/api/v1/metrics/api/dimensions/customer_id/values?db=complete&prefix=cust_12&limit=10";
        JsonNode found = Http.get(url).json();
        for (int i = 0; i < 50 && found.get("values").size() < 2; i++) {
            Thread.sleep(100);
            found = Http.get(url).json();
        }
        if (store().equals("lmdb")) {
            assertEquals("[\"cust_12a\",\"cust_12b\"]", found.get("values").toString());
            assertEquals("[3,1]", found.get("series").toString());
        } else {
            assertEquals(Set.of("cust_12a", "cust_12b"), Set.of(found.get("values").get(0).asText(),
                    found.get("values").get(1).asText()));
        }
        assertEquals(2, found.get("values").size());
    }

    @Test
    public void discoveryListsMetricsDimensionsAndValues() throws Exception {
        JsonNode metrics = Http.get("/api/v1/metrics?db=itest").json().get("metrics");
        assertTrue(metrics.toString(), metrics.toString().contains("\"cpu_load\""));
        JsonNode dims = Http.get("/api/v1/metrics/cpu_load/dimensions?db=itest").json().get("dimensions");
        assertEquals("[\"host\",\"region\"]", dims.toString());
        JsonNode values = Http.get("/api/v1/metrics/cpu_load/dimensions/host/values?db=itest&limit=2").json().get("values");
        assertEquals("[\"h1\",\"h2\"]", values.toString());
    }

    @Test
    public void healthNamesTheStore() throws Exception {
        Http.Response r = Http.get("/api/v1/health");
        assertEquals(200, r.status());
        assertEquals(store(), r.json().get("store").asText());
    }

    @Test
    public void badItemsAreRejectedWithTheirIndexAndTheRestIsWritten() throws Exception {
        long now = System.currentTimeMillis();
        String body = "{\"metrics\":["
                + "{\"name\":\"mixed\",\"timestamp\":" + now + ",\"value\":1,\"dimensions\":{\"k\":\"a\"}},"
                + "{\"name\":\"9bad\",\"timestamp\":" + now + ",\"value\":1},"
                + "{\"name\":\"mixed\",\"timestamp\":" + (now - 30L * 86_400_000) + ",\"value\":1},"
                + "{\"name\":\"mixed\",\"timestamp\":" + now + ",\"value\":\"NaN\"},"
                + "{\"name\":\"mixed\",\"timestamp\":\"" + java.time.Instant.ofEpochMilli(now + 1) + "\",\"value\":2,\"dimensions\":{\"k\":\"b\"}}]}";
        Http.Response r = Http.post("/api/v1/write?db=itest", body);
        assertEquals(r.body(), 207, r.status());
        JsonNode json = r.json();
        assertEquals(2, json.get("accepted").asInt());
        assertEquals(3, json.get("rejected").asInt());
        Map<Integer, String> codes = new HashMap<>();
        json.get("errors").forEach(e -> codes.put(e.get("index").asInt(), e.get("code").asText()));
        assertEquals(Map.of(1, "INVALID_METRIC_NAME", 2, "INVALID_TIMESTAMP", 3, "INVALID_VALUE"), codes);
        awaitRows("mixed", 2);
    }

    @Test
    public void malformedJsonIsA400InTheErrorShape() throws Exception {
        Http.Response r = Http.post("/api/v1/write?db=itest", "{\"metrics\":[{\"name\":");
        assertEquals(400, r.status());
        assertEquals("INVALID_JSON", r.errorCode());
    }

    @Test
    public void gzipBodiesAreAccepted() throws Exception {
        String body = "{\"metrics\":[{\"name\":\"zipped\",\"timestamp\":" + System.currentTimeMillis() + ",\"value\":3.5}]}";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(body.getBytes(StandardCharsets.UTF_8));
        }
        Http.Response r = Http.post("/api/v1/write?db=itest", bytes.toByteArray(),
                "Content-Type", "application/json", "Content-Encoding", "gzip");
        assertEquals(r.body(), 200, r.status());
        assertEquals(1, r.json().get("accepted").asInt());
    }

    @Test
    public void badQueriesNameTheFieldAtFault() throws Exception {
        Http.Response r = Http.post("/api/v1/query?db=itest", "{\"queryType\":\"nonsense\",\"metricName\":\"cpu_load\"}");
        assertEquals(400, r.status());
        assertEquals("INVALID_QUERY", r.errorCode());
        assertTrue(r.body(), r.body().contains("queryType"));
        r = Http.post("/api/v1/query?db=itest", "{\"queryType\":\"aggregate\",\"metricName\":\"cpu_load\","
                + "\"aggregation\":\"median-ish\",\"timeRange\":{\"relative\":\"1h\"}}");
        assertEquals(400, r.status());
        assertTrue(r.body(), r.body().contains("aggregation"));
    }
}
