package io.cairn.enterprise.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filter as the container drives it, with the authentication filter's principal left by the chain. */
class AuditFilterTest {
    @TempDir
    Path dir;
    private final TestClock clock = new TestClock("2026-11-24T10:00:00Z");

    /** One request; the chain plays the authentication filter and the endpoint. */
    private static final class Exchange {
        final Map<String, Object> attributes = new HashMap<>();
        final Map<String, String> headers = new HashMap<>();
        final String method;
        final String path;
        final String query;
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        int status = 200;

        Exchange(String method, String path, String query) {
            this.method = method;
            this.path = path;
            this.query = query;
        }

        void run(AuditFilter filter, Map<String, Object> principal, int answer) throws Exception {
            run(filter, (req, resp) -> {
                if (principal != null) {
                    req.setAttribute(AuditFilter.PRINCIPAL_ATTRIBUTE, principal);
                }
                ((HttpServletResponse) resp).setStatus(answer);
            });
        }

        void run(AuditFilter filter, FilterChain chain) throws Exception {
            HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                        case "getMethod" -> method;
                        case "getServletPath" -> path;
                        case "getQueryString" -> query;
                        case "getRemoteAddr" -> "192.0.2.7";
                        case "getHeader" -> headers.get((String) a[0]);
                        case "setAttribute" -> attributes.put((String) a[0], a[1]);
                        case "getAttribute" -> attributes.get((String) a[0]);
                        case "getParameter" -> throw new AssertionError("the filter must not read parameters (body)");
                        default -> null;
                    });
            HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> switch (m.getName()) {
                        case "setStatus" -> {
                            status = (Integer) a[0];
                            yield null;
                        }
                        case "getStatus" -> status;
                        case "getOutputStream" -> new ServletOutputStream() {
                            @Override
                            public void write(int b) {
                                body.write(b);
                            }

                            @Override
                            public boolean isReady() {
                                return true;
                            }

                            @Override
                            public void setWriteListener(WriteListener listener) {
                            }
                        };
                        default -> null;
                    });
            filter.doFilter(request, response, chain);
        }
    }

    /** Runs a request in its own thread whose endpoint answers {@code 204} once {@code release} opens. */
    private static Thread blockedRequest(AuditFilter filter, String method, String path, CountDownLatch entered,
            CountDownLatch release) {
        Thread thread = new Thread(() -> {
            try {
                new Exchange(method, path, "db=metrics").run(filter, (req, resp) -> {
                    entered.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    ((HttpServletResponse) resp).setStatus(204);
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        thread.start();
        return thread;
    }

    private List<JsonNode> events(AuditTrail trail) throws Exception {
        trail.close();
        List<JsonNode> newestFirst = new ArrayList<>(trail.search().find(AuditQuery.ALL, 100, 0).events());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Test
    void aWriteIsRecordedWithActorDatabaseSourceAndNoCredentials() throws Exception {
        AuditTrail trail = TestTrails.open(dir, clock);
        AuditFilter filter = new AuditFilter(trail);
        new Exchange("POST", "/write", "db=metrics&u=bob&p=cairn_secret&precision=ms")
                .run(filter, Map.of("id", "tok-7", "kind", "token", "permissions", List.of("write")), 204);

        JsonNode event = events(trail).get(0);
        assertEquals("data.write", event.get("event_type").asText());
        assertEquals("tok-7", event.get("actor").asText());
        assertEquals("192.0.2.7", event.get("source").asText());
        assertEquals("metrics", event.get("database").asText());
        assertEquals("success", event.get("outcome").asText());
        assertEquals("POST", event.get("detail").get("method").asText());
        assertEquals("/write", event.get("detail").get("path").asText());
        assertEquals(204, event.get("detail").get("status").asInt());
        assertEquals("db=metrics&precision=ms", event.get("detail").get("query").asText());
        assertFalse(event.toString().contains("cairn_secret"));
        assertFalse(event.toString().contains("bob"));
    }

    @Test
    void refusalsDeniedWritesTenantsAndHeadersAreRecordedAsAUserExpects() throws Exception {
        AuditTrail trail = TestTrails.open(dir, clock);
        AuditFilter filter = new AuditFilter(trail);
        new Exchange("GET", "/api/v1/query", "token=abc").run(filter, null, 401);
        new Exchange("POST", "/api/v2/write", "bucket=sensors/autogen&org=x")
                .run(filter, Map.of("id", "tok-r", "permissions", List.of("read")), 403);
        Exchange tenant = new Exchange("POST", "/api/v1/write", null);
        tenant.headers.put(AuditFilter.DATABASE_HEADER, "orders");
        tenant.run(filter, Map.of("id", "jwt:svc", "tenant", "acme", "permissions", List.of("write")), 204);
        new Exchange("GET", "/api/v1/query", "db=metrics").run(filter,
                Map.of("id", "tok-r", "permissions", List.of("read")), 200);

        List<JsonNode> events = events(trail);
        assertEquals(3, events.size(), "queries are not audited unless include_reads is on");
        assertEquals("auth.failed", events.get(0).get("event_type").asText());
        assertEquals("denied", events.get(0).get("outcome").asText());
        assertTrue(events.get(0).get("actor").isNull());
        assertFalse(events.get(0).get("detail").has("query"));
        assertEquals("data.write", events.get(1).get("event_type").asText());
        assertEquals("denied", events.get(1).get("outcome").asText());
        assertEquals("sensors", events.get(1).get("database").asText());
        assertEquals("jwt:svc", events.get(2).get("actor").asText());
        assertEquals("acme", events.get(2).get("detail").get("tenant").asText());
        assertEquals("orders", events.get(2).get("database").asText());
    }

    @Test
    void anEndpointThatThrowsIsRecordedAsAFailure() throws Exception {
        AuditTrail trail = TestTrails.open(dir, clock);
        AuditFilter filter = new AuditFilter(trail);
        Exchange exchange = new Exchange("PUT", "/api/v1/admin/store", null);
        assertThrows(ServletException.class, () -> exchange.run(filter, (req, resp) -> {
            throw new ServletException("store exploded");
        }));
        JsonNode event = events(trail).get(0);
        assertEquals("store.swapped", event.get("event_type").asText());
        assertEquals("failure", event.get("outcome").asText());
        assertEquals(500, event.get("detail").get("status").asInt());
    }

    @Test
    void readsAreRecordedWhenIncludedAndNothingWhenDisabled() throws Exception {
        AuditTrail reads = new AuditTrail(dir.resolve("reads"), TestTrails.settings(100, 90, true), clock).start();
        new Exchange("POST", "/api/v1/query/sql", "db=metrics").run(new AuditFilter(reads), null, 200);
        JsonNode query = events(reads).get(0);
        assertEquals("data.query", query.get("event_type").asText());
        assertTrue(query.get("actor").isNull());

        AuditTrail off = new AuditTrail(dir.resolve("off"), new AuditTrail.Settings(false, true, 100, 100, 50, 90),
                clock).start();
        new Exchange("POST", "/write", "db=metrics").run(new AuditFilter(off), null, 204);
        assertTrue(events(off).isEmpty());
    }

    @Test
    void onlyAdminsOrRequestsWithoutAuthenticationMayReadTheLog() {
        assertTrue(AuditServlet.isAdmin(null));
        assertTrue(AuditServlet.isAdmin(Map.of("id", "a", "permissions", List.of("read", "admin"))));
        assertFalse(AuditServlet.isAdmin(Map.of("id", "r", "permissions", List.of("read", "write", "delete"))));
        assertFalse(AuditServlet.isAdmin(Map.of("id", "x")));
        assertFalse(AuditServlet.isAdmin(Map.of("id", "t", "tenant", "acme", "permissions", List.of("admin"))),
                "a tenant's admin sees no other tenant's events");
        assertNull(QueryStrings.withoutSecrets("u=a&p=b&token=c&Password=d"));
    }

    @Test
    void theTrailClosesOnlyOnceTheRequestsInsideTheFilterAreRecorded() throws Exception {
        AuditTrail trail = TestTrails.open(dir, clock);
        AuditFilter filter = new AuditFilter(trail);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread request = blockedRequest(filter, "POST", "/write", entered, release);
        entered.await();
        Thread stopping = new Thread(trail::close);
        stopping.start();
        stopping.join(300);
        assertTrue(stopping.isAlive(), "the trail closed while a write was still being answered");
        Exchange late = new Exchange("POST", "/write", "db=metrics");
        AtomicBoolean ran = new AtomicBoolean();
        late.run(filter, (req, resp) -> ran.set(true));
        assertFalse(ran.get(), "a closing trail let in a write it might not record");
        assertEquals(503, late.status);
        release.countDown();
        stopping.join();
        request.join();

        List<JsonNode> events = events(trail);
        assertEquals(1, events.size());
        assertEquals("data.write", events.get(0).get("event_type").asText());
        assertEquals(204, events.get(0).get("detail").get("status").asInt());
        assertEquals(0, trail.counters().dropped());
    }

    @Test
    void aBundleOrLicenseChangeInsideTheFilterDoesNotHoldUpTheClose() throws Exception {
        AuditTrail trail = TestTrails.open(dir, clock);
        AuditFilter filter = new AuditFilter(trail);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread request = blockedRequest(filter, "POST", "/api/v1/admin/bundles/io.cairn.enterprise.audit/stop",
                entered, release);
        entered.await();
        assertTimeoutPreemptively(Duration.ofMillis(AuditTrail.DRAIN_MILLIS - 1_000), trail::close,
                "the close waited for the request that stops the bundle");
        release.countDown();
        request.join();
        assertTrue(AuditFilter.stopsThisBundle("/api/v1/license"));
        assertFalse(AuditFilter.stopsThisBundle("/api/v1/query"));
    }

    @Test
    void aClosingTrailRefusesRequestsItCouldNoLongerRecord() throws Exception {
        AuditTrail trail = TestTrails.open(dir, clock);
        AuditFilter filter = new AuditFilter(trail);
        trail.close();
        AtomicBoolean ran = new AtomicBoolean();
        Exchange write = new Exchange("POST", "/write", "db=metrics");
        write.run(filter, (req, resp) -> ran.set(true));

        assertFalse(ran.get(), "a write ran although its audit event would be lost");
        assertEquals(503, write.status);
        assertTrue(write.body.toString(StandardCharsets.UTF_8).contains("\"code\":\"AUDIT_UNAVAILABLE\""),
                write.body.toString(StandardCharsets.UTF_8));
    }
}
