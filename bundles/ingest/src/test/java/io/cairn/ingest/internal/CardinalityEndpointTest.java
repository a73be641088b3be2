package io.cairn.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.api.access.Permission;
import io.cairn.api.access.RequestAccess;
import io.cairn.api.access.RowFilter;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.TimeSeriesStore;
import io.cairn.store.lmdb.internal.LmdbStores;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The series limit through the line protocol and JSON writes into the real write engine and LMDB store, and
 * {@code GET /api/v1/cardinality} over them, driven through plain request and response stand-ins.
 */
class CardinalityEndpointTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;
    private TimeSeriesStore store;
    private WriteEngine engine;
    private int status;
    private final Map<String, String> responseHeaders = new HashMap<>();

    @BeforeEach
    void open() {
        store = LmdbStores.open(dir.resolve("lmdb"));
        engine = new WriteEngine(dir.resolve("wal"), FsyncPolicy.GROUP, 2, 1 << 20, 200, 100_000);
        engine.bindStore(store);
    }

    @AfterEach
    void close() {
        engine.close();
        LmdbStores.close(store);
    }

    private LineWriteOutcome writeLines(long maxSeries, String body) {
        LineProtocolWriter writer = new LineProtocolWriter(engine, engine,
                new ValidationLimits(256, 0, 0, 64, 256, 1024, maxSeries), 1 << 20, Clock.systemUTC());
        LineWriteOutcome outcome = writer.write("db", Precision.NANOSECONDS,
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), null);
        assertTrue(engine.flushNow());
        return outcome;
    }

    private static String lines(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int h = from; h < to; h++) {
            sb.append("cpu,host=h").append(h).append(",region=r").append(h % 2).append(" usage=1 ").append(1000 + h)
                    .append('\n');
        }
        return sb.toString();
    }

    private JsonNode get(CardinalityServlet servlet, String method, Map<String, String> params,
            Map<String, String> headers, RequestAccess access) throws IOException {
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getParameter" -> params.get((String) args[0]);
                    case "getAttribute" -> RequestAccess.ATTRIBUTE.equals(args[0]) ? access : null;
                    default -> null;
                });
        StringWriter body = new StringWriter();
        PrintWriter writer = new PrintWriter(body);
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "setStatus" -> status = (Integer) args[0];
                        case "setHeader" -> responseHeaders.put((String) args[0], (String) args[1]);
                        case "getWriter" -> {
                            return writer;
                        }
                        default -> {
                        }
                    }
                    return null;
                });
        servlet.service(request, response);
        writer.flush();
        return MAPPER.readTree(body.toString());
    }

    private JsonNode get(Map<String, String> params) throws IOException {
        return get(new CardinalityServlet(engine, 1_000_000, 10_000), "GET", params, Map.of(), null);
    }

    @Test
    void newSeriesOverTheLimitAreRejectedAndNothingOfThemIsWritten() throws IOException {
        assertEquals(8, writeLines(10, lines(0, 8)).accepted());
        LineWriteOutcome outcome = writeLines(10, lines(0, 2) + lines(8, 12));
        assertEquals(4, outcome.accepted());
        assertEquals(List.of(5, 6), outcome.rejections().stream().map(LineRejection::line).toList());
        assertTrue(outcome.rejections().stream().allMatch(r -> r.code().equals(ItemError.CARDINALITY_EXCEEDED)));
        assertEquals(10, store.seriesCount("db", "cpu"));
        assertTrue(store.seriesExists("db", "cpu", Tags.of("host", "h9", "region", "r1")));
        assertFalse(store.seriesExists("db", "cpu", Tags.of("host", "h10", "region", "r0")));
        assertFalse(store.seriesExists("db", "cpu", Tags.of("host", "h11", "region", "r1")));
        assertEquals(List.of("h0", "h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8", "h9"),
                store.tagValues("db", "cpu", "host", 100).stream().sorted(
                        (a, b) -> Integer.compare(Integer.parseInt(a.substring(1)), Integer.parseInt(b.substring(1))))
                        .toList());

        JsonNode answer = get(Map.of("database", "db", "measurement", "cpu"));
        assertEquals(200, status);
        JsonNode cpu = answer.get("measurements").get(0);
        assertEquals(10, cpu.get("series").asLong());
        assertEquals(10, cpu.get("estimated").asLong());
        assertEquals(10, cpu.get("growth").get("last_hour").asLong());
        assertEquals(10, cpu.get("limit").asLong());
        assertEquals(1.0, cpu.get("usage").asDouble());
        assertEquals("host", cpu.get("dimensions").get(0).get("key").asText());
        assertEquals(10, cpu.get("dimensions").get(0).get("values").asLong());
        assertEquals(2, cpu.get("dimensions").get(1).get("values").asLong());
        JsonNode warnings = answer.get("warnings");
        assertEquals(1, warnings.size());
        assertEquals("cpu", warnings.get(0).get("measurement").asText());
        assertEquals(8, warnings.get(0).get("series").asLong());
    }

    @Test
    void theJsonWriteRejectsNewSeriesOverTheLimitToo() throws IOException {
        ValidationLimits limits = new ValidationLimits(256, 7L * 24 * 3600 * 1000, 3600 * 1000, 20, 128, 256, 2);
        WriteRequestHandler handler = new WriteRequestHandler(new MetricValidator(limits, Clock.systemUTC()), engine,
                engine, 100, 1 << 20);
        long now = System.currentTimeMillis();
        StringBuilder body = new StringBuilder("{\"metrics\":[");
        for (int h = 0; h < 4; h++) {
            body.append(h == 0 ? "" : ",").append("{\"name\":\"m\",\"timestamp\":").append(now)
                    .append(",\"value\":1,\"dimensions\":{\"host\":\"h").append(h).append("\"}}");
        }
        WriteResponse r = handler.handle("db", new ByteArrayInputStream(
                body.append("]}").toString().getBytes(StandardCharsets.UTF_8)), null);
        assertTrue(engine.flushNow());
        assertEquals(207, r.status());
        JsonNode errors = MAPPER.readTree(r.body()).get("errors");
        assertEquals(2, errors.size());
        assertEquals("CARDINALITY_EXCEEDED", errors.get(1).get("code").asText());
        assertEquals(2, store.seriesCount("db", "m"));
        assertEquals(List.of("h0", "h1"), store.tagValues("db", "m", "host", 10));
    }

    @Test
    void theOverviewListsDatabasesAndTenantTotals() throws IOException {
        engine.write(List.of(batch("acme__a", 0, 30), batch("acme__b", 0, 20), batch("plain", 0, 5)));
        assertTrue(engine.flushNow());
        JsonNode overview = get(Map.of());
        assertEquals(200, status);
        assertEquals(3, overview.get("databases").size());
        assertEquals("acme__a", overview.get("databases").get(0).get("database").asText());
        assertEquals(30, overview.get("databases").get(0).get("series").asLong());
        JsonNode acme = overview.get("tenants").get(0);
        assertEquals("acme", acme.get("tenant").asText());
        assertEquals(50, acme.get("series").asLong());
        assertEquals(50, acme.get("estimated").asLong());
        assertEquals(1, overview.get("tenants").size());

        JsonNode tenantView = get(new CardinalityServlet(engine, 1_000_000, 10_000), "GET", Map.of("database", "x"),
                Map.of("X-Cairn-Database", "acme__b"), null);
        assertEquals("acme__b", tenantView.get("database").asText());
        assertEquals(20, tenantView.get("series").asLong());
        assertEquals(50, tenantView.get("tenant").get("series").asLong());
        assertEquals(1_000_000, tenantView.get("measurements").get(0).get("limit").asLong());
        assertEquals(0.0, tenantView.get("measurements").get(0).get("usage").asDouble(), 0.0001);
    }

    @Test
    void tagValuesAreCountedUpToTheBound() throws IOException {
        engine.write(List.of(batch("db", 0, 7)));
        assertTrue(engine.flushNow());
        JsonNode answer = get(new CardinalityServlet(engine, 100, 5), "GET", Map.of("measurement", "requests"),
                Map.of("X-Cairn-Database", "db"), null);
        JsonNode dimensions = answer.get("measurements").get(0).get("dimensions");
        assertEquals("customer_id", dimensions.get(0).get("key").asText());
        assertEquals(5, dimensions.get(0).get("values").asLong());
        assertTrue(dimensions.get(0).get("capped").asBoolean());
        assertEquals("region", dimensions.get(1).get("key").asText());
        assertEquals(3, dimensions.get(1).get("values").asLong());
        assertFalse(dimensions.get(1).get("capped").asBoolean());
        assertEquals(0.07, answer.get("measurements").get(0).get("usage").asDouble());
    }

    @Test
    void badRequestsAnswerWithTheirCodes() throws IOException {
        engine.write(List.of(batch("db", 0, 3)));
        assertTrue(engine.flushNow());
        assertEquals("METRIC_NOT_FOUND", get(Map.of("database", "db", "measurement", "nope"))
                .get("error").get("code").asText());
        assertEquals(404, status);
        assertEquals("INVALID_DATABASE", get(Map.of("database", "a b")).get("error").get("code").asText());
        assertEquals(400, status);
        CardinalityServlet servlet = new CardinalityServlet(engine, 100, 5);
        assertEquals("METHOD_NOT_ALLOWED", get(servlet, "POST", Map.of(), Map.of(), null).get("error").get("code").asText());
        assertEquals(405, status);
        assertEquals("GET", responseHeaders.get("Allow"));
        RequestAccess onlyOther = new RequestAccess() {
            @Override
            public boolean permits(Permission permission, String database, String measurement) {
                return database.equals("other");
            }

            @Override
            public RowFilter rowFilter(String database, String measurement) {
                return RowFilter.ALL;
            }
        };
        assertEquals("FORBIDDEN", get(servlet, "GET", Map.of("database", "db"), Map.of(), onlyOther)
                .get("error").get("code").asText());
        assertEquals(403, status);
        assertEquals(0, get(servlet, "GET", Map.of(), Map.of(), onlyOther).get("databases").size());
        engine.unbindStore(store);
        assertEquals("STORE_UNAVAILABLE", get(Map.of("database", "db")).get("error").get("code").asText());
        assertEquals(503, status);
        assertEquals("1", responseHeaders.get("Retry-After"));
    }

    private static WriteBatch batch(String db, int from, int to) {
        WriteBatch.Builder b = WriteBatch.builder(db, "requests");
        for (int s = from; s < to; s++) {
            b.setDouble(b.addRow(Tags.of("customer_id", "cust_" + s, "region", "r" + s % 3), 1000 + s), "value", s);
        }
        return b.build();
    }
}
