package io.cairn.query.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.model.Tags;
import io.cairn.api.store.StoreHealth;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HTTP endpoints: response shapes, status codes and error bodies. */
class ServletsTest {
    static final long T = 1_700_000_040_000L; // a multiple of 2 minutes
    final MemoryStore store = new MemoryStore(StoreQueryEngineTest.ALL, 2, 0);
    final QueryServlet query = new QueryServlet(QueryLimits.DEFAULTS,
            Clock.fixed(Instant.ofEpochMilli(T + 3_600_000), ZoneOffset.UTC), 50);

    ServletsTest() {
        for (int i = 0; i < 6; i++) {
            long t = (T + i * 60_000L) * 1_000_000;
            store.add("cpu", Tags.of("host", "a", "dc", "x"), t, "value", (double) i);
            store.add("cpu", Tags.of("host", "b", "dc", "x"), t, "value", 10.0 + i);
        }
        store.add("mem", Tags.of("host", "a"), T * 1_000_000, "value", 1.0);
        query.useStore(store);
    }

    FakeHttp.Reply post(String body) throws Exception {
        return FakeHttp.call(query, "POST", null, Map.of(), Map.of(), body.replace('\'', '"'));
    }

    @Test
    void aggregateWithoutIntervalAnswersOneValuePerGroup() throws Exception {
        FakeHttp.Reply r = post("{'queryType':'aggregate','metricName':'cpu','aggregation':'avg','groupBy':['host'],"
                + "'timeRange':{'relative':'1h'}}");
        assertEquals(200, r.status());
        assertEquals("application/json", r.contentType());
        JsonNode json = r.json();
        assertEquals("aggregate", json.get("queryType").asText());
        assertTrue(json.get("executionTimeMs").isIntegralNumber());
        assertFalse(json.has("truncated"));
        assertEquals("{\"groupKey\":{\"host\":\"a\"},\"value\":2.5,\"count\":6}", json.get("results").get(0).toString());
        assertEquals("{\"groupKey\":{\"host\":\"b\"},\"value\":12.5,\"count\":6}", json.get("results").get(1).toString());
    }

    @Test
    void bucketedAggregatesAndRatesAnswerPoints() throws Exception {
        JsonNode agg = post("{'queryType':'aggregate','metricName':'cpu','aggregation':'count','interval':'2m',"
                + "'timeRange':{'start':" + T + ",'end':" + (T + 360_000) + "}}").json();
        assertEquals("{\"groupKey\":{},\"points\":[[" + T + ",4],[" + (T + 120_000) + ",4],[" + (T + 240_000) + ",4]]}",
                agg.get("results").get(0).toString());
        JsonNode rate = post("{'queryType':'rate','metricName':'cpu','filters':{'host':'a'},"
                + "'timeRange':{'start':" + T + ",'end':" + (T + 600_000) + "}}").json();
        assertEquals("rate", rate.get("queryType").asText());
        assertEquals("{\"groupKey\":{},\"points\":[[" + T + ",0.008333333333333333]]}", rate.get("results").get(0).toString());
    }

    @Test
    void rangeAnswersPointsInTimeOrderAndSaysWhenCut() throws Exception {
        JsonNode json = post("{'queryType':'range','metricName':'cpu','limit':3,'timeRange':{'relative':'1h'}}").json();
        assertEquals("{\"timestamp\":" + T + ",\"value\":0.0,\"dimensions\":{\"dc\":\"x\",\"host\":\"a\"}}",
                json.get("results").get(0).toString());
        assertEquals("b", json.get("results").get(1).get("dimensions").get("host").asText());
        assertEquals(T + 60_000, json.get("results").get(2).get("timestamp").asLong());
        assertTrue(json.get("truncated").asBoolean());
        assertEquals("results truncated to 3 points", json.get("message").asText());
    }

    @Test
    void aDatabaseNameOutsideTheRuleIsRefused() throws Exception {
        String body = "{\"queryType\":\"range\",\"metricName\":\"cpu\",\"timeRange\":{\"relative\":\"1h\"}}";
        FakeHttp.Reply r = FakeHttp.call(query, "POST", null, Map.of("X-Cairn-Database", "a\u0000b"), Map.of(), body);
        assertEquals(400, r.status());
        assertEquals("INVALID_DATABASE", r.json().get("error").get("code").asText());
    }

    @Test
    void theDatabaseComesFromTheHeaderOrParameter() throws Exception {
        String body = "{\"queryType\":\"range\",\"metricName\":\"cpu\",\"timeRange\":{\"relative\":\"1h\"}}";
        JsonNode other = FakeHttp.call(query, "POST", null, Map.of("X-Cairn-Database", "other"), Map.of(), body).json();
        assertEquals(0, other.get("results").size());
        JsonNode byParam = FakeHttp.call(query, "POST", null, Map.of(), Map.of("db", "other"), body).json();
        assertEquals(0, byParam.get("results").size());
        JsonNode byDefault = FakeHttp.call(query, "POST", null, Map.of(), Map.of("db", "default"), body).json();
        assertEquals(12, byDefault.get("results").size());
    }

    @Test
    void aBadQueryIsA400NamingTheField() throws Exception {
        FakeHttp.Reply r = post("{'queryType':'aggregate','metricName':'cpu','aggregation':'mode','timeRange':{'relative':'1h'}}");
        assertEquals(400, r.status());
        JsonNode error = r.json().get("error");
        assertEquals("INVALID_QUERY", error.get("code").asText());
        assertEquals("aggregation", error.get("details").get("field").asText());
        assertTrue(error.get("message").asText().contains("mode"));
        assertEquals("body", post("{not json").json().get("error").get("details").get("field").asText());
    }

    @Test
    void tooManyGroupsAndTimeoutsHaveTheirCodes() throws Exception {
        QueryServlet strict = new QueryServlet(new QueryLimits(10_000, 30_000, 10_000, 1, 86_400_000_000_000L),
                Clock.fixed(Instant.ofEpochMilli(T + 3_600_000), ZoneOffset.UTC), 50);
        strict.useStore(store);
        FakeHttp.Reply groups = FakeHttp.call(strict, "POST", null, Map.of(), Map.of(),
                "{\"queryType\":\"aggregate\",\"metricName\":\"cpu\",\"aggregation\":\"sum\",\"groupBy\":[\"host\"],"
                        + "\"timeRange\":{\"relative\":\"1h\"}}");
        assertEquals(400, groups.status());
        assertEquals("TOO_MANY_GROUPS", groups.json().get("error").get("code").asText());

        MemoryStore slow = new MemoryStore(StoreQueryEngineTest.NO_AGGREGATION, 1, 30);
        slow.points.addAll(store.points);
        query.useStore(slow);
        FakeHttp.Reply timeout = post("{'queryType':'aggregate','metricName':'cpu','aggregation':'p50','timeout':'50ms',"
                + "'timeRange':{'relative':'1h'}}");
        assertEquals(504, timeout.status());
        assertEquals("QUERY_TIMEOUT", timeout.json().get("error").get("code").asText());
        assertEquals(1, slow.closed.get());
    }

    @Test
    void withoutAStoreQueriesAre503WithRetryAfter() throws Exception {
        query.useStore(null);
        FakeHttp.Reply r = post("{'queryType':'range','metricName':'cpu','timeRange':{'relative':'1h'}}");
        assertEquals(503, r.status());
        assertEquals("1", r.headers().get("Retry-After"));
        assertEquals("STORE_UNAVAILABLE", r.json().get("error").get("code").asText());
        MetricsServlet metrics = new MetricsServlet();
        FakeHttp.Reply m = FakeHttp.call(metrics, "GET", null, Map.of(), Map.of(), "");
        assertEquals(503, m.status());
        assertEquals("1", m.headers().get("Retry-After"));
    }

    @Test
    void aQueryWaitsForAStoreThatBindsDuringTheSwap() throws Exception {
        QueryServlet patient = new QueryServlet(QueryLimits.DEFAULTS,
                Clock.fixed(Instant.ofEpochMilli(T + 3_600_000), ZoneOffset.UTC), 10_000);
        Thread binder = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            patient.useStore(store);
        });
        binder.start();
        FakeHttp.Reply r = FakeHttp.call(patient, "POST", null, Map.of(), Map.of(),
                "{\"queryType\":\"range\",\"metricName\":\"cpu\",\"timeRange\":{\"relative\":\"1h\"}}");
        binder.join();
        assertEquals(200, r.status());
    }

    @Test
    void discoveryListsMetricsDimensionsAndValues() throws Exception {
        MetricsServlet metrics = new MetricsServlet();
        metrics.useStore(store);
        assertEquals("{\"metrics\":[\"cpu\",\"mem\"]}",
                FakeHttp.call(metrics, "GET", null, Map.of(), Map.of(), "").body());
        assertEquals("{\"metrics\":[]}",
                FakeHttp.call(metrics, "GET", "/", Map.of("X-Cairn-Database", "other"), Map.of(), "").body());
        assertEquals("{\"metric\":\"cpu\",\"dimensions\":[\"dc\",\"host\"]}",
                FakeHttp.call(metrics, "GET", "/cpu/dimensions", Map.of(), Map.of(), "").body());
        assertEquals("{\"metric\":\"cpu\",\"dimension\":\"host\",\"values\":[\"a\",\"b\"]}",
                FakeHttp.call(metrics, "GET", "/cpu/dimensions/host/values", Map.of(), Map.of(), "").body());
        assertEquals("{\"metric\":\"cpu\",\"dimension\":\"host\",\"values\":[\"a\"]}",
                FakeHttp.call(metrics, "GET", "/cpu/dimensions/host/values", Map.of(), Map.of("limit", "1"), "").body());
        assertEquals("{\"metric\":\"nope\",\"dimensions\":[]}",
                FakeHttp.call(metrics, "GET", "/nope/dimensions", Map.of(), Map.of(), "").body());
        FakeHttp.Reply bad = FakeHttp.call(metrics, "GET", "/cpu/dimensions/host/values", Map.of(), Map.of("limit", "x"), "");
        assertEquals(400, bad.status());
        assertEquals("limit", bad.json().get("error").get("details").get("field").asText());
        assertEquals(404, FakeHttp.call(metrics, "GET", "/cpu/other", Map.of(), Map.of(), "").status());
    }

    @Test
    void healthReportsTheStore() throws Exception {
        HealthServlet health = new HealthServlet();
        FakeHttp.Reply none = FakeHttp.call(health, "GET", null, Map.of(), Map.of(), "");
        assertEquals(503, none.status());
        assertEquals("unhealthy", none.json().get("status").asText());
        assertEquals("no store is bound", none.json().get("reason").asText());
        health.useStore(store);
        FakeHttp.Reply ok = FakeHttp.call(health, "GET", null, Map.of(), Map.of(), "");
        assertEquals(200, ok.status());
        assertEquals("healthy", ok.json().get("status").asText());
        assertEquals("memory", ok.json().get("store").asText());
        store.health = new StoreHealth(false, "disk full");
        FakeHttp.Reply sick = FakeHttp.call(health, "GET", null, Map.of(), Map.of(), "");
        assertEquals(503, sick.status());
        assertEquals("disk full", sick.json().get("reason").asText());
    }
}
