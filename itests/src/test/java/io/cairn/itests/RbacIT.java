package io.cairn.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.options.SystemPropertyOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The RBAC walk-through, request by request, with the signed RBAC and audit bundles installed at run time: a
 * read-only analytics team limited to {@code metrics_*}, an operations team limited to {@code env='production'}
 * that no SQL (sub-query, UNION, OR, join) and no discovery call gets past; the audit log records it all and
 * an edited event breaks its chain at that event.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RbacIT extends CairnTestSupport {
    private static final String ADMIN = "rbac-itest-admin-token-0123456789abcdef";
    private static final int PER_SERIES = 10;

    @Override
    @Configuration
    public Option[] config() throws IOException {
        String data = dataDirectory("RbacIT-" + System.nanoTime());
        List<Option> options = new ArrayList<>();
        for (Option o : frameworkOptions(data)) {
            if (!(o instanceof SystemPropertyOption s && s.getKey().equals("cairn.auth.enabled"))) {
                options.add(o);
            }
        }
        options.add(systemProperty("cairn.auth.enabled").value("true"));
        options.add(systemProperty("cairn.admin.token").value(ADMIN));
        options.add(systemProperty(Licenses.KEYSTORE).value(Licenses.keystore()));
        options.add(systemProperty("cairn.itest.rbac.jar").value(Licenses.jarOf("io/cairn/enterprise/rbac/internal/RbacServlet.class")));
        options.add(systemProperty("cairn.itest.audit.jar").value(Licenses.jarOf("io/cairn/enterprise/audit/internal/AuditServlet.class")));
        return options.toArray(new Option[0]);
    }

    @Test
    public void teamsRolesAndRowFiltersDecideEveryRequestAndTheAuditLogShowsIt() throws Exception {
        installEnterpriseBundles();
        writeData();
        String org = created(admin("POST", "/api/v1/rbac/organizations", "{\"name\":\"acme\"}"));
        String analytics = created(admin("POST", "/api/v1/rbac/organizations/" + org + "/teams", "{\"name\":\"analytics\"}"));
        created(admin("POST", "/api/v1/rbac/teams/" + analytics + "/roles",
                "{\"database_pattern\":\"metrics_*\",\"permissions\":[\"read\"]}"));
        String operations = created(admin("POST", "/api/v1/rbac/organizations/" + org + "/teams", "{\"name\":\"operations\"}"));
        created(admin("POST", "/api/v1/rbac/teams/" + operations + "/roles",
                "{\"database_pattern\":\"*\",\"permissions\":[\"read\"],\"row_filter\":\"env = 'production'\"}"));
        JsonNode analyst = admin("POST", "/api/v1/auth/tokens", "{\"name\":\"analyst\",\"permissions\":[]}").json();
        JsonNode operator = admin("POST", "/api/v1/auth/tokens", "{\"name\":\"operator\",\"permissions\":[]}").json();
        String analystToken = analyst.get("token").asText();
        String operatorToken = operator.get("token").asText();

        // a token without teams and without permissions of its own can do nothing
        assertEquals(403, query(analystToken, "metrics_web", "http").status());
        join(analyst, analytics);
        join(operator, operations);
        Http.Response effective = admin("GET", "/api/v1/auth/tokens/" + analyst.get("id").asText() + "/permissions", null);
        assertEquals(effective.body(), 200, effective.status());
        assertTrue(effective.body(), effective.body().contains(analytics));

        // analytics: every row of metrics_*, nothing else, no writes
        assertEquals(4 * PER_SERIES, count(query(analystToken, "metrics_web", "http")));
        assertEquals(403, query(analystToken, "billing", "invoices").status());
        assertEquals(403, call(analystToken, "POST", "/api/v1/write?db=metrics_web", point("http", "production", "h1", 1)).status());
        assertEquals(4 * PER_SERIES, sqlCount(analystToken, "metrics_web", "SELECT count(*) FROM http"));

        // operations: production rows only, in every database, whatever the statement
        assertEquals(2 * PER_SERIES, count(query(operatorToken, "metrics_web", "http")));
        assertEquals(PER_SERIES, count(query(operatorToken, "billing", "invoices")));
        assertEquals(2 * PER_SERIES, sqlCount(operatorToken, "metrics_web", "SELECT count(*) FROM http"));
        assertEquals(2 * PER_SERIES, sqlCount(operatorToken, "metrics_web",
                "SELECT count(*) FROM http WHERE env = 'staging' OR 1 = 1"));
        assertEquals(0, sqlCount(operatorToken, "metrics_web",
                "SELECT count(*) FROM (SELECT * FROM http WHERE env <> 'production') AS t"));
        assertEquals(2 * PER_SERIES, sqlCount(operatorToken, "metrics_web",
                "SELECT count(*) FROM http a JOIN http b ON a.host = b.host AND a.\"time\" = b.\"time\""));
        JsonNode union = sql(operatorToken, "metrics_web",
                "SELECT env FROM http WHERE env = 'staging' UNION ALL SELECT env FROM http").json();
        assertEquals(union.toString(), 2 * PER_SERIES, union.get("data").size());
        union.get("data").forEach(row -> assertEquals("production", row.get(0).asText()));
        String values = call(operatorToken, "GET", "/api/v1/metrics/http/dimensions/env/values?db=metrics_web", null).body();
        assertTrue(values, values.contains("production"));
        assertFalse(values, values.contains("staging"));

        // leaving the team takes effect at once
        assertEquals(204, admin("DELETE", "/api/v1/auth/tokens/" + operator.get("id").asText() + "/teams/" + operations, null).status());
        assertEquals(403, query(operatorToken, "metrics_web", "http").status());
        assertEquals(401, call("not-a-token", "GET", "/api/v1/metrics?db=metrics_web", null).status());

        assertAudited();
    }

    private void assertAudited() throws Exception {
        for (String type : List.of("rbac.organization.created", "rbac.team.created", "rbac.role.created", "token.created",
                "data.write", "auth.failed")) {
            assertFalse(type, awaitEvents(type).isEmpty());
        }
        assertEquals(2, awaitEvents("rbac.team.created").size());
        JsonNode verified = admin("GET", "/api/v1/audit/verify", null).json();
        assertTrue(verified.toString(), verified.get("valid").asBoolean());

        JsonNode team = awaitEvents("rbac.team.created").get(0);
        long seq = team.get("seq").asLong();
        Path log;
        try (var files = Files.list(Path.of(System.getProperty("cairn.data.dir"), "audit"))) {
            log = files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).findFirst().orElseThrow();
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
        boolean edited = false;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"seq\":" + seq + ",")) {
                lines.set(i, lines.get(i).replace("\"status\":201", "\"status\":200"));
                edited = true;
            }
        }
        assertTrue("event " + seq + " not found in " + log, edited);
        Files.write(log, lines, StandardCharsets.UTF_8);
        JsonNode broken = admin("GET", "/api/v1/audit/verify", null).json();
        assertFalse(broken.toString(), broken.get("valid").asBoolean());
        assertEquals(broken.toString(), seq, broken.get("broken_at").get("seq").asLong());
    }

    private static void installEnterpriseBundles() throws Exception {
        Http.awaitHealthy();
        Http.Response license = call(ADMIN, "PUT", "/api/v1/license",
                Licenses.signed("L-rbac", Instant.now().plus(Duration.ofDays(100)), "rbac", "audit_logging"));
        assertEquals(license.body(), 200, license.status());
        for (String jar : List.of("cairn.itest.rbac.jar", "cairn.itest.audit.jar")) {
            Http.Response installed = call(ADMIN, "POST", "/api/v1/admin/bundles", Files.readAllBytes(Path.of(System.getProperty(jar))));
            assertEquals(installed.body(), 201, installed.status());
        }
        for (String path : List.of("/api/v1/rbac/organizations", "/api/v1/audit/verify")) {
            long deadline = System.currentTimeMillis() + 30_000;
            while (admin("GET", path, null).status() != 200) {
                assertTrue(path + " never answered", System.currentTimeMillis() < deadline);
                Thread.sleep(100);
            }
        }
    }

    private static void writeData() throws Exception {
        for (String db : List.of("metrics_web", "billing")) {
            StringBuilder body = new StringBuilder("{\"metrics\":[");
            String measurement = db.equals("billing") ? "invoices" : "http";
            List<String> hosts = db.equals("billing") ? List.of("h1") : List.of("h1", "h2");
            String separator = "";
            for (String env : List.of("production", "staging")) {
                for (String host : hosts) {
                    for (int k = 0; k < PER_SERIES; k++) {
                        body.append(separator).append(item(measurement, env, host, k));
                        separator = ",";
                    }
                }
            }
            Http.Response r = admin("POST", "/api/v1/write?db=" + db, body.append("]}").toString());
            assertEquals(r.body(), 200, r.status());
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (count(query(ADMIN, "metrics_web", "http")) != 4 * PER_SERIES) {
            assertTrue("the written points never became visible", System.currentTimeMillis() < deadline);
            Thread.sleep(100);
        }
    }

    private static String item(String measurement, String env, String host, int k) {
        long time = System.currentTimeMillis() - 600_000 + k * 1_000L + (env.equals("staging") ? 500 : 0);
        return "{\"name\":\"" + measurement + "\",\"timestamp\":" + time + ",\"value\":" + (env.equals("staging") ? 100 : 1)
                + ",\"dimensions\":{\"env\":\"" + env + "\",\"host\":\"" + host + "\"}}";
    }

    private static byte[] point(String measurement, String env, String host, int k) {
        return ("{\"metrics\":[" + item(measurement, env, host, k) + "]}").getBytes(StandardCharsets.UTF_8);
    }

    private static void join(JsonNode token, String team) throws Exception {
        Http.Response r = admin("POST", "/api/v1/auth/tokens/" + token.get("id").asText() + "/teams", "{\"team_id\":\"" + team + "\"}");
        assertTrue(r.body(), r.status() == 200 || r.status() == 201);
    }

    private static Http.Response query(String token, String db, String measurement) throws Exception {
        return call(token, "POST", "/api/v1/query?db=" + db, ("{\"queryType\":\"aggregate\",\"metricName\":\"" + measurement
                + "\",\"aggregation\":\"count\",\"timeRange\":{\"relative\":\"1h\"}}").getBytes(StandardCharsets.UTF_8));
    }

    private static long count(Http.Response aggregate) throws Exception {
        assertEquals(aggregate.body(), 200, aggregate.status());
        JsonNode results = aggregate.json().get("results");
        return results.isEmpty() ? 0 : results.get(0).get("value").asLong();
    }

    private static Http.Response sql(String token, String db, String statement) throws Exception {
        return call(token, "POST", "/api/v1/query/sql", Http.JSON.writeValueAsBytes(
                java.util.Map.of("sql", statement, "database", db)));
    }

    private static long sqlCount(String token, String db, String statement) throws Exception {
        Http.Response r = sql(token, db, statement);
        assertEquals(statement + ": " + r.body(), 200, r.status());
        return r.json().get("data").get(0).get(0).asLong();
    }

    private static String created(Http.Response r) throws Exception {
        assertEquals(r.body(), 201, r.status());
        return r.json().get("id").asText();
    }

    private static Http.Response admin(String method, String path, String body) throws Exception {
        return call(ADMIN, method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private static Http.Response call(String token, String method, String path, byte[] body) throws Exception {
        return Http.send(HttpRequest.newBuilder(Http.uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static List<JsonNode> awaitEvents(String type) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        List<JsonNode> events = new ArrayList<>();
        while (events.isEmpty() && System.currentTimeMillis() < deadline) {
            Http.Response r = admin("GET", "/api/v1/audit/logs?event_type=" + type, null);
            if (r.status() == 200) {
                r.json().get("events").forEach(events::add);
            }
            if (events.isEmpty()) {
                Thread.sleep(200);
            }
        }
        return events;
    }
}
