package io.cairn.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Test;

/**
 * The exported jar takes signed enterprise bundles at run time as a user installs them: uploaded through the
 * admin API before any license they stay installed; a license naming their features starts them, and their
 * endpoints answer with authentication on (the audit bundle's counters among the Prometheus metrics).
 */
public class EnterpriseJarIT {
    private static final String ADMIN = "enterprise-jar-itest-admin-0123456789abcdef";
    private static final List<String> BUNDLES = List.of("io.cairn.enterprise.hello", "io.cairn.enterprise.rbac",
            "io.cairn.enterprise.audit");
    private Process cairn;

    @After
    public void stop() throws Exception {
        if (cairn != null) {
            cairn.destroyForcibly().waitFor();
        }
    }

    @Test
    public void enterpriseBundlesInstalledAtRunTimeStartWhenLicensed() throws Exception {
        start();
        for (String jar : List.of("io/cairn/enterprise/hello/internal/HelloServlet.class",
                "io/cairn/enterprise/rbac/internal/RbacServlet.class",
                "io/cairn/enterprise/audit/internal/AuditServlet.class")) {
            Http.Response installed = call("POST", "/api/v1/admin/bundles", Files.readAllBytes(Path.of(Licenses.jarOf(jar))));
            assertEquals(installed.body(), 201, installed.status());
            assertEquals(installed.body(), "installed", installed.json().get("state").asText());
        }
        Http.Response license = call("PUT", "/api/v1/license",
                Licenses.signed("L-jar", Instant.now().plus(Duration.ofDays(100)), "hello", "rbac", "audit_logging"));
        assertEquals(license.body(), 200, license.status());
        for (String bundle : BUNDLES) {
            awaitState(bundle, "active");
        }
        awaitStatus("/api/v1/enterprise/hello", 200);
        awaitStatus("/api/v1/rbac/organizations", 200);
        awaitStatus("/api/v1/audit/verify", 200);
        awaitAuditFilter();
        Http.Response org = call("POST", "/api/v1/rbac/organizations", "{\"name\":\"acme\"}".getBytes());
        assertEquals(org.body(), 201, org.status());
        JsonNode events = awaitEvent("rbac.organization.created");
        assertEquals("success", events.get("outcome").asText());
        assertTrue(events.toString(), !events.get("actor").isNull());
        assertTrue(call("GET", "/api/v1/audit/verify", null).json().get("valid").asBoolean());
        String metrics = call("GET", "/metrics", null).body();
        assertTrue(metrics, metrics.contains("# TYPE cairn_audit_events_written_total counter"));
        assertTrue(metrics, metrics.contains("cairn_store_series{store=\"lmdb\",active=\"true\"}"));
    }

    private void start() throws Exception {
        Path data = ExportedJar.folder("enterprise-jar");
        cairn = ExportedJar.start(data, ExportedJar.takePort(), "256m", List.of("cairn.admin.token=" + ADMIN,
                "cairn.data.dir=" + data.resolve("data"), "cairn.deploy.dir=" + data.resolve("deploy")), Map.of());
        long deadline = System.currentTimeMillis() + 60_000;
        while (status("/api/v1/admin/bundles") != 200) {
            assertTrue("the admin API never answered", System.currentTimeMillis() < deadline);
            Thread.sleep(200);
        }
    }

    private static void awaitState(String bundle, String state) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            last = call("GET", "/api/v1/admin/bundles/" + bundle, null).body();
            if (last.contains("\"state\":\"" + state + "\"")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(bundle + " never became " + state + ": " + last);
    }

    private static JsonNode awaitEvent(String type) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            Http.Response r = call("GET", "/api/v1/audit/logs?event_type=" + type, null);
            JsonNode events = r.status() == 200 ? r.json().get("events") : null;
            if (events != null && events.size() > 0) {
                return events.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + type + " event in the audit log");
    }

    private static void awaitStatus(String path, int status) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (status(path) != status) {
            assertTrue(path + " never answered " + status, System.currentTimeMillis() < deadline);
            Thread.sleep(100);
        }
    }

    /** Waits until the audit filter records requests: a refused one shows up as auth.failed. */
    private static void awaitAuditFilter() throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            Http.send(HttpRequest.newBuilder(Http.uri("/api/v1/metrics")).header("Authorization", "Bearer wrong"));
            Http.Response r = call("GET", "/api/v1/audit/logs?event_type=auth.failed", null);
            if (r.status() == 200 && r.json().get("events").size() > 0) {
                return;
            }
            assertTrue("the audit filter never recorded a request", System.currentTimeMillis() < deadline);
            Thread.sleep(1_200);
        }
    }

    private static int status(String path) {
        try {
            return call("GET", path, null).status();
        } catch (Exception e) {
            return -1;
        }
    }

    private static Http.Response call(String method, String path, byte[] body) throws Exception {
        return Http.send(HttpRequest.newBuilder(Http.uri(path)).header("Authorization", "Bearer " + ADMIN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)));
    }
}
