package io.cairn.enterprise.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit API as a client sees it: JSON bodies, status codes, error codes. */
class AuditServletTest {
    private static final Map<String, Object> ADMIN = Map.of("id", "adm", "permissions", List.of("admin"));
    @TempDir
    Path dir;
    private final TestClock clock = new TestClock("2026-11-24T10:00:00Z");
    private AuditTrail trail;
    private AuditServlet servlet;

    @BeforeEach
    void fill() throws Exception {
        trail = TestTrails.open(dir, clock);
        TestTrails.writes(trail, clock, "tok-a", "metrics", 4);
        trail.close();
        trail = TestTrails.open(dir, clock);
        servlet = new AuditServlet(trail);
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer get(String path, Map<String, String> parameters, Object principal) throws Exception {
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "getMethod" -> "GET";
                    case "getServletPath" -> path;
                    case "getParameter" -> parameters.get((String) a[0]);
                    case "getAttribute" -> AuditFilter.PRINCIPAL_ATTRIBUTE.equals(a[0]) ? principal : null;
                    default -> null;
                });
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int[] status = {200};
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }

            @Override
            public void write(int b) {
                body.write(b);
            }
        };
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> switch (m.getName()) {
                    case "setStatus" -> {
                        status[0] = (Integer) a[0];
                        yield null;
                    }
                    case "getOutputStream" -> out;
                    default -> null;
                });
        servlet.doGet(request, response);
        return new Answer(status[0], new ObjectMapper().readTree(body.toByteArray()));
    }

    @Test
    void logsAreNewestFirstInTheDocumentedShape() throws Exception {
        Answer a = get(AuditServlet.LOGS, Map.of("limit", "2", "actor", "tok-a"), ADMIN);
        assertEquals(200, a.status());
        assertEquals(2, a.body().get("count").asInt());
        assertTrue(a.body().get("more").asBoolean());
        JsonNode newest = a.body().get("events").get(0);
        assertEquals(4, newest.get("seq").asLong());
        List<String> fields = new ArrayList<>();
        newest.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("seq", "time", "event_type", "actor", "source", "database", "outcome", "detail",
                "prev_hash", "hash"), fields);
    }

    @Test
    void onlyAdminsGetIn() throws Exception {
        Answer a = get(AuditServlet.LOGS, Map.of(), Map.of("id", "r", "permissions", List.of("read")));
        assertEquals(403, a.status());
        assertEquals("FORBIDDEN", a.body().at("/error/code").asText());
        assertEquals(200, get(AuditServlet.STATS, Map.of(), null).status());
    }

    @Test
    void badParametersAre400InvalidQueryNamingTheField() throws Exception {
        Answer a = get(AuditServlet.LOGS, Map.of("since", "last tuesday"), ADMIN);
        assertEquals(400, a.status());
        assertEquals("INVALID_QUERY", a.body().at("/error/code").asText());
        assertEquals("since", a.body().at("/error/details/field").asText());
        assertEquals(400, get(AuditServlet.LOGS, Map.of("limit", "20000"), ADMIN).status());
    }

    @Test
    void statsCountByTypeAndShowTheBufferCounters() throws Exception {
        JsonNode stats = get(AuditServlet.STATS, Map.of("since", "2026-11-24T10:00:01Z"), ADMIN).body();
        assertEquals(3, stats.at("/counts/data.write").asLong());
        assertEquals(3, stats.get("total").asLong());
        assertEquals(0, stats.get("dropped").asLong());
        assertEquals(0, stats.get("buffered").asLong());
        assertEquals(4, stats.get("last_seq").asLong());
    }

    @Test
    void verifyNamesTheFirstBrokenLink() throws Exception {
        JsonNode valid = get(AuditServlet.VERIFY, Map.of(), ADMIN).body();
        assertTrue(valid.get("valid").asBoolean());
        assertEquals(4, valid.get("events").asLong());

        Path file = TestTrails.onlyFile(dir);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(1, lines.get(1).replace("192.0.2.1", "192.0.2.2"));
        Files.write(file, lines);
        JsonNode broken = get(AuditServlet.VERIFY, Map.of(), ADMIN).body();
        assertFalse(broken.get("valid").asBoolean());
        assertEquals(2, broken.at("/broken_at/seq").asLong());
        assertEquals("audit-2026-11-24.jsonl", broken.at("/broken_at/file").asText());
        assertEquals(2, broken.at("/broken_at/line").asLong());
        assertTrue(broken.get("reason").asText().contains("changed"));
        trail.close();
    }
}
