package io.cairn.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * SQL through HTTP against the real bundles in Felix: JSON and Arrow results, a GROUP BY that
 * Calcite compiles with Janino inside the framework (before and after the store bundle is
 * updated), EXPLAIN, and 400 for bad statements.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SqlIT extends CairnTestSupport {
    private static final String DB = "sqlit";
    private static final long HOUR_MS = 3_600_000L;
    private static final long STEP_MS = 600_000L;
    private static final int POINTS_PER_HOST = 7 * 144;
    /** Seven whole hours-aligned days ending in the coming hour; points sit 5 minutes into each 10-minute step. */
    private static final long BASE_MS = (System.currentTimeMillis() / HOUR_MS + 1) * HOUR_MS - 7 * 24 * HOUR_MS;
    private static final String JANINO_QUERY = "SELECT host, count(*) AS n, approx_percentile(value, 0.5) AS p50,"
            + " first(value, time) AS first_v, avg(value * 2) AS avg2 FROM cpu_load GROUP BY host"
            + " HAVING count(*) > 1 ORDER BY host";
    private static boolean written;

    @Before
    public void writeOnce() throws Exception {
        Http.awaitHealthy();
        awaitRegistered("/api/v1/query/sql");
        awaitRegistered("/api/v1/query/explain");
        if (written) {
            return;
        }
        for (int host = 1; host <= 2; host++) {
            StringBuilder body = new StringBuilder("{\"metrics\":[");
            for (int k = 0; k < POINTS_PER_HOST; k++) {
                body.append(k == 0 ? "" : ",").append(String.format(
                        "{\"name\":\"cpu_load\",\"timestamp\":%d,\"value\":%d,\"dimensions\":{\"host\":\"h%d\"}}",
                        BASE_MS + STEP_MS / 2 + k * STEP_MS, host * 100 + k % 6, host));
            }
            body.append("]}");
            Http.Response r = Http.post("/api/v1/write?db=" + DB, body.toString());
            assertEquals(r.body(), 200, r.status());
        }
        written = true;
        long deadline = System.currentTimeMillis() + 30_000;
        long rows = -1;
        while (System.currentTimeMillis() < deadline && rows != 2L * POINTS_PER_HOST) {
            Http.Response r = sql("{\"sql\":\"SELECT count(*) FROM cpu_load\",\"database\":\"" + DB + "\"}");
            rows = r.status() == 200 ? r.json().get("data").get(0).get(0).asLong() : -1;
            Thread.sleep(50);
        }
        assertEquals(2L * POINTS_PER_HOST, rows);
    }

    private static void awaitRegistered(String path) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (Http.get(path).status() == 404) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(path + " never registered");
            }
            Thread.sleep(100);
        }
    }

    private static Http.Response sql(String body) throws Exception {
        return Http.post("/api/v1/query/sql?db=" + DB, body);
    }

    @Test
    public void jsonResultWithColumnsTypesAndRows() throws Exception {
        Http.Response r = sql("{\"sql\":\"SELECT host, count(value) AS n, max(value) AS top FROM cpu_load"
                + " WHERE host IN (?, ?) GROUP BY host ORDER BY host\",\"params\":[\"h1\",\"h2\"]}");
        assertEquals(r.body(), 200, r.status());
        JsonNode json = r.json();
        assertEquals("[\"host\",\"n\",\"top\"]", json.get("columns").toString());
        assertEquals("[\"VARCHAR\",\"BIGINT\",\"DOUBLE\"]", json.get("types").toString());
        assertEquals("[[\"h1\"," + POINTS_PER_HOST + ",105.0],[\"h2\"," + POINTS_PER_HOST + ",205.0]]",
                json.get("data").toString());
        assertEquals(2, json.get("row_count").asInt());
    }

    @Test
    public void sevenDaysByTheHourGive168Or169Rows() throws Exception {
        Http.Response r = sql("{\"sql\":\"SELECT time_bucket('1 hour', time) AS t, avg(value) FROM cpu_load"
                + " WHERE host = 'h1' GROUP BY time_bucket('1 hour', time) ORDER BY t\"}");
        assertEquals(r.body(), 200, r.status());
        int rows = r.json().get("row_count").asInt();
        assertTrue("rows: " + rows, rows == 168 || rows == 169);
        assertEquals(102.5, r.json().get("data").get(0).get(1).asDouble(), 1e-9);
    }

    @Test
    public void aGroupByThatNeedsJaninoRunsInTheFrameworkAndAfterAStoreUpdate() throws Exception {
        assertJaninoQueryAnswers();
        Http.Response update = Http.send(HttpRequest.newBuilder(Http.uri("/api/v1/admin/bundles/io.cairn.store-lmdb"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(jar("store-lmdb").toPath()))));
        assertEquals(update.body(), 200, update.status());
        long deadline = System.currentTimeMillis() + 30_000;
        while (sql("{\"sql\":\"" + JANINO_QUERY + "\"}").status() != 200 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertJaninoQueryAnswers();
    }

    private static void assertJaninoQueryAnswers() throws Exception {
        Http.Response r = sql("{\"sql\":\"" + JANINO_QUERY + "\"}");
        assertEquals(r.body(), 200, r.status());
        JsonNode h2 = r.json().get("data").get(1);
        assertEquals("h2", h2.get(0).asText());
        assertEquals(POINTS_PER_HOST, h2.get(1).asInt());
        assertEquals(202.5, h2.get(2).asDouble(), 1e-9);
        assertEquals(200.0, h2.get(3).asDouble(), 1e-9);
        assertEquals(405.0, h2.get(4).asDouble(), 1e-9);
    }

    @Test
    public void arrowStreamWhenAccepted() throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(Http.uri("/api/v1/query/sql?db=" + DB))
                .header("Content-Type", "application/json").header("Accept", "application/vnd.apache.arrow.stream")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"sql\":\"SELECT time, host, value FROM cpu_load LIMIT 100\"}"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("application/vnd.apache.arrow.stream", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        byte[] body = r.body();
        byte[] continuation = {-1, -1, -1, -1};
        assertArrayEquals(continuation, Arrays.copyOf(body, 4));
        assertArrayEquals(new byte[] {-1, -1, -1, -1, 0, 0, 0, 0}, Arrays.copyOfRange(body, body.length - 8, body.length));
        String bytes = new String(body, StandardCharsets.ISO_8859_1);
        assertTrue(bytes.contains("time") && bytes.contains("host") && bytes.contains("value") && bytes.contains("UTC"));
        assertEquals("100", r.headers().firstValue("X-Cairn-Row-Count").orElse(""));
    }

    @Test
    public void explainNamesThePushDown() throws Exception {
        Http.Response r = Http.post("/api/v1/query/explain?db=" + DB, "{\"sql\":\"SELECT host, max(value) FROM cpu_load"
                + " WHERE host = 'h1' GROUP BY host\"}");
        assertEquals(r.body(), 200, r.status());
        String plan = r.json().get("plan").asText();
        assertTrue(plan, plan.contains("filter=[[host = 'h1']]"));
        assertTrue(plan, plan.contains("aggregation=[[group=[host], calls=[max(value)]]]"));
        if (store().equals("clickhouse")) {
            assertTrue(plan, plan.contains("native=[SELECT") && plan.contains("'h1'") && plan.contains("max("));
        } else {
            assertFalse(plan, plan.contains("native="));
        }
    }

    @Test
    public void theLatestPointOfEachHost() throws Exception {
        Http.Response r = sql("{\"sql\":\"SELECT host, max(time) AS t, last(value, time) AS v FROM cpu_load"
                + " GROUP BY host ORDER BY host\"}");
        assertEquals(r.body(), 200, r.status());
        String last = Instant.ofEpochMilli(BASE_MS + STEP_MS / 2 + (POINTS_PER_HOST - 1) * STEP_MS).toString();
        JsonNode data = r.json().get("data");
        assertEquals(2, data.size());
        for (int host = 1; host <= 2; host++) {
            JsonNode row = data.get(host - 1);
            assertEquals("h" + host, row.get(0).asText());
            assertEquals(Instant.parse(last), Instant.parse(row.get(1).asText()));
            assertEquals(host * 100 + (POINTS_PER_HOST - 1) % 6, row.get(2).asDouble(), 1e-9);
        }
    }

    @Test
    public void rowsWhereAValueIsAboveAThreshold() throws Exception {
        Http.Response count = sql("{\"sql\":\"SELECT count(*) FROM cpu_load WHERE value > ? AND value < 200\","
                + "\"params\":[104]}");
        assertEquals(count.body(), 200, count.status());
        assertEquals(POINTS_PER_HOST / 6, count.json().get("data").get(0).get(0).asInt());
        Http.Response rows = sql("{\"sql\":\"SELECT time, host, value FROM cpu_load WHERE host = 'h1' AND value >= 105"
                + " AND time >= ? ORDER BY time LIMIT 2\",\"params\":[\"" + Instant.ofEpochMilli(BASE_MS) + "\"]}");
        assertEquals(rows.body(), 200, rows.status());
        JsonNode data = rows.json().get("data");
        assertEquals(2, data.size());
        for (int i = 0; i < 2; i++) {
            long k = 5 + 6L * i;
            assertEquals(Instant.ofEpochMilli(BASE_MS + STEP_MS / 2 + k * STEP_MS), Instant.parse(data.get(i).get(0).asText()));
            assertEquals(105.0, data.get(i).get(2).asDouble(), 1e-9);
        }
    }

    @Test
    public void theLastBucketsBeforeATime() throws Exception {
        Http.Response r = sql("{\"sql\":\"SELECT time_bucket('1 hour', time) AS b, max(value) AS top, count(*) AS n"
                + " FROM cpu_load WHERE time < ? GROUP BY b ORDER BY b DESC LIMIT 3\",\"params\":[\""
                + Instant.ofEpochMilli(BASE_MS + 24 * HOUR_MS) + "\"]}");
        assertEquals(r.body(), 200, r.status());
        JsonNode data = r.json().get("data");
        assertEquals(3, data.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(Instant.ofEpochMilli(BASE_MS + (23 - i) * HOUR_MS), Instant.parse(data.get(i).get(0).asText()));
            assertEquals(205.0, data.get(i).get(1).asDouble(), 1e-9);
            assertEquals(12, data.get(i).get(2).asInt());
        }
    }

    @Test
    public void badStatementsAre400() throws Exception {
        Http.Response syntax = sql("{\"sql\":\"SELECT time FROM cpu_load WHERE\"}");
        assertEquals(400, syntax.status());
        assertEquals("INVALID_QUERY", syntax.errorCode());
        assertEquals(1, syntax.json().get("error").get("details").get("line").asInt());
        Http.Response table = sql("{\"sql\":\"SELECT * FROM nope\"}");
        assertEquals(400, table.status());
        assertTrue(table.body(), table.json().get("error").get("message").asText().contains("nope"));
    }

    private static File jar(String artifact) {
        File[] jars = new File(System.getProperty("cairn.itest.bundles"))
                .listFiles((d, n) -> n.startsWith(artifact + "-") && n.endsWith(".jar"));
        assertEquals(1, jars.length);
        return jars[0];
    }
}
