package io.cairn.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.options.FrameworkPropertyOption;
import org.ops4j.pax.exam.options.SystemPropertyOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Tokens, permissions, InfluxDB credential forms and tenant isolation through HTTP, with the security bundle on. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AuthIT extends CairnTestSupport {
    private static final String ADMIN = "itest-admin-token-0123456789abcdef";
    private static final String JWT_SECRET = "itest-jwt-secret-0123456789abcdef-0123";
    private static final String[] WRITE_PATHS = {"/write?db=authit", "/api/v2/write?bucket=authit", "/api/v1/write?db=authit",
        "/api/v1/write/line-protocol?db=authit", "/api/v1/write/msgpack?db=authit"};

    @Override
    @Configuration
    public Option[] config() throws IOException {
        List<Option> options = new ArrayList<>();
        for (Option o : frameworkOptions(dataDirectory("AuthIT-" + System.nanoTime()))) {
            boolean authSwitch = o instanceof SystemPropertyOption s && s.getKey().equals("cairn.auth.enabled")
                    || o instanceof FrameworkPropertyOption f && f.getKey().equals("cairn.auth.enabled");
            if (!authSwitch) {
                options.add(o);
            }
        }
        options.add(systemProperty("cairn.auth.enabled").value("true"));
        options.add(systemProperty("cairn.admin.token").value(ADMIN));
        options.add(systemProperty("cairn.auth.jwt.secret").value(JWT_SECRET));
        return options.toArray(new Option[0]);
    }

    @Before
    public void secured() throws Exception {
        Http.awaitHealthy();
        long deadline = System.currentTimeMillis() + 30_000;
        while (Http.get("/api/v1/metrics").status() != 401) {
            assertTrue("the authentication filter did not appear", System.currentTimeMillis() < deadline);
            Thread.sleep(100);
        }
    }

    private static Http.Response send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(Http.uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return Http.send(b);
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    /** Creates a token through the API as the configured admin and returns its secret. */
    private static String token(String permissions) throws Exception {
        Http.Response r = send("POST", "/api/v1/auth/tokens", "{\"name\":\"it\",\"permissions\":" + permissions + "}",
                "Authorization", bearer(ADMIN), "Content-Type", "application/json");
        assertEquals(r.body(), 201, r.status());
        return r.json().get("token").asText();
    }

    private static String jsonPoint(String metric, double value, String host) {
        return "{\"metrics\":[{\"name\":\"" + metric + "\",\"timestamp\":" + (System.currentTimeMillis() - 1000)
                + ",\"value\":" + value + ",\"dimensions\":{\"host\":\"" + host + "\"}}]}";
    }

    /** Returns the range results for a metric, polling up to a second for a write to become visible. */
    private static JsonNode range(String db, String metric, String authorization, int expected) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        JsonNode results;
        do {
            Http.Response r = send("POST", "/api/v1/query?db=" + db, "{\"queryType\":\"range\",\"metricName\":\"" + metric
                    + "\",\"timeRange\":{\"relative\":\"1h\"}}", "Authorization", authorization, "Content-Type", "application/json");
            assertEquals(r.body(), 200, r.status());
            results = r.json().get("results");
        } while (results.size() < expected && System.currentTimeMillis() < deadline);
        return results;
    }

    /** Returns an HS256 JWT with a tenant, scopes and an expiry an hour ahead, signed with the configured secret. */
    private static String jwt(String tenant, String scopes) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"sub\":\"" + tenant + "-svc\",\"tenant_id\":\"" + tenant + "\",\"scopes\":\""
                + scopes + "\",\"exp\":" + (System.currentTimeMillis() / 1000 + 3600) + "}").getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(JWT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return header + "." + claims + "." + b64.encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    public void noTokenIs401InEachEndpointsShapeAndHealthStaysOpen() throws Exception {
        Http.Response cairn = send("POST", "/api/v1/query?db=authit", "{}", "Content-Type", "application/json");
        assertEquals(401, cairn.status());
        assertEquals("UNAUTHORIZED", cairn.errorCode());
        Http.Response v1 = send("POST", "/write?db=authit", "m v=1");
        assertEquals(401, v1.status());
        assertTrue(v1.body(), v1.json().get("error").isTextual());
        Http.Response v2 = send("POST", "/api/v2/write?bucket=authit", "m v=1");
        assertEquals(401, v2.status());
        assertEquals("unauthorized", v2.json().get("code").asText());
        assertEquals(401, send("GET", "/api/v1/metrics", null, "Authorization", bearer("cairn_not-a-token")).status());
        assertEquals(200, Http.get("/api/v1/health").status());
        assertEquals(204, Http.get("/ping").status());
    }

    @Test
    public void aTokenWithoutWriteIs403OnEveryWriteEndpoint() throws Exception {
        String reader = token("[\"read\"]");
        for (String path : WRITE_PATHS) {
            Http.Response r = send("POST", path, "m v=1", "Authorization", bearer(reader));
            assertEquals(path + " " + r.body(), 403, r.status());
        }
        assertEquals("FORBIDDEN", send("POST", "/api/v1/write?db=authit", jsonPoint("m", 1, "a"),
                "Authorization", bearer(reader)).errorCode());
        assertEquals("forbidden", send("POST", "/api/v2/write?bucket=authit", "m v=1",
                "Authorization", "Token " + reader).json().get("code").asText());
        assertEquals(403, send("GET", "/api/v1/auth/tokens", null, "Authorization", bearer(reader)).status());
    }

    @Test
    public void aReadTokenQueriesWhatAWriteTokenWrote() throws Exception {
        String writer = token("[\"write\"]");
        String reader = token("[\"read\"]");
        Http.Response w = send("POST", "/api/v1/write?db=authit", jsonPoint("auth_cpu", 42.5, "h1"),
                "Authorization", bearer(writer), "Content-Type", "application/json");
        assertEquals(w.body(), 200, w.status());
        JsonNode results = range("authit", "auth_cpu", bearer(reader), 1);
        assertEquals(1, results.size());
        assertEquals(42.5, results.get(0).get("value").asDouble(), 0.0);
        assertEquals(403, send("POST", "/api/v1/query?db=authit", "{}", "Authorization", bearer(writer)).status());
    }

    @Test
    public void influxDbCredentialFormsWork() throws Exception {
        String writer = token("[\"write\",\"read\"]");
        long s = System.currentTimeMillis() / 1000 - 5;
        assertEquals(204, send("POST", "/write?db=influx&precision=s&u=telegraf&p=" + writer, "v1q,host=a value=1 " + s).status());
        String basic = "Basic " + Base64.getEncoder().encodeToString(("telegraf:" + writer).getBytes(StandardCharsets.UTF_8));
        assertEquals(204, send("POST", "/write?db=influx&precision=s", "v1b,host=a value=2 " + s, "Authorization", basic).status());
        assertEquals(204, send("POST", "/api/v2/write?bucket=influx&precision=s", "v2t,host=a value=3 " + s,
                "Authorization", "Token " + writer).status());
        assertEquals(200, send("POST", "/api/v1/write?db=influx", jsonPoint("apikey", 4, "a"), "x-api-key", writer).status());
        assertEquals(1, range("influx", "v1q", bearer(writer), 1).size());
        assertEquals(1, range("influx", "v1b", bearer(writer), 1).size());
        assertEquals(1, range("influx", "v2t", bearer(writer), 1).size());
        assertEquals(1, range("influx", "apikey", bearer(writer), 1).size());
    }

    @Test
    public void tokensAreShownOnceRotatedAndDeleted() throws Exception {
        Http.Response created = send("POST", "/api/v1/auth/tokens", "{\"name\":\"rot\",\"permissions\":[\"read\"]}",
                "Authorization", bearer(ADMIN));
        String id = created.json().get("id").asText();
        String first = created.json().get("token").asText();
        Http.Response list = send("GET", "/api/v1/auth/tokens", null, "Authorization", bearer(ADMIN));
        assertTrue(list.body(), list.body().contains(id));
        assertFalse("the secret is never listed", list.body().contains(first));

        Http.Response rotated = send("POST", "/api/v1/auth/tokens/" + id + "/rotate", null, "Authorization", bearer(ADMIN));
        assertEquals(200, rotated.status());
        String second = rotated.json().get("token").asText();
        assertEquals(401, send("GET", "/api/v1/metrics", null, "Authorization", bearer(first)).status());
        assertEquals(200, send("GET", "/api/v1/metrics", null, "Authorization", bearer(second)).status());

        assertEquals(204, send("DELETE", "/api/v1/auth/tokens/" + id, null, "Authorization", bearer(ADMIN)).status());
        assertEquals(401, send("GET", "/api/v1/metrics", null, "Authorization", bearer(second)).status());
        assertEquals(404, send("DELETE", "/api/v1/auth/tokens/" + id, null, "Authorization", bearer(ADMIN)).status());
    }

    @Test
    public void tenantsWritingTheSameDatabaseSeeOnlyTheirOwnData() throws Exception {
        String t1 = bearer(jwt("tenant-one", "read write"));
        String t2 = "Token " + jwt("tenant-two", "read write");
        assertEquals(200, send("POST", "/api/v1/write?db=shared", jsonPoint("common", 1, "one"), "Authorization", t1).status());
        assertEquals(200, send("POST", "/api/v1/write?db=shared", jsonPoint("only_one", 1, "one"), "Authorization", t1).status());
        assertEquals(200, send("POST", "/api/v1/write", jsonPoint("common", 2, "two"),
                "Authorization", t2, "X-Cairn-Database", "shared").status());
        assertEquals(204, send("POST", "/api/v2/write?bucket=shared&precision=ms", "only_two,host=two value=2 "
                + (System.currentTimeMillis() - 1000), "Authorization", t2).status());

        JsonNode one = range("shared", "common", t1, 1);
        JsonNode two = range("shared", "common", t2, 1);
        assertEquals(one.toString(), 1, one.size());
        assertEquals("one", one.get(0).get("dimensions").get("host").asText());
        assertEquals(two.toString(), 1, two.size());
        assertEquals("two", two.get(0).get("dimensions").get("host").asText());
        assertEquals(0, range("shared", "only_two", t1, 0).size());
        // acknowledged writes become visible when flushed: wait for each tenant's own measurement before listing
        assertEquals(1, range("shared", "only_one", t1, 1).size());
        assertEquals(1, range("shared", "only_two", t2, 1).size());

        JsonNode metricsOne = send("GET", "/api/v1/metrics?db=shared", null, "Authorization", t1).json().get("metrics");
        JsonNode metricsTwo = send("GET", "/api/v1/metrics", null, "Authorization", t2, "X-Cairn-Database", "shared")
                .json().get("metrics");
        assertEquals("[\"common\",\"only_one\"]", metricsOne.toString());
        assertEquals("[\"common\",\"only_two\"]", metricsTwo.toString());
        assertEquals(1, send("GET", "/api/v1/metrics/common/dimensions/host/values?db=shared", null, "Authorization", t1)
                .json().get("values").size());
        assertEquals(0, range("shared", "common", bearer(ADMIN), 0).size());
        assertEquals(1, range("tenant-one__shared", "common", bearer(ADMIN), 1).size());
        String sql = "{\"sql\":\"SELECT host FROM common\",\"database\":\"shared\"}";
        Http.Response sqlOne = send("POST", "/api/v1/query/sql", sql, "Authorization", t1);
        assertEquals(sqlOne.body(), "[[\"one\"]]", sqlOne.json().get("data").toString());
        assertEquals("[[\"two\"]]", send("POST", "/api/v1/query/sql", sql, "Authorization", t2).json().get("data").toString());
        Http.Response escape = send("POST", "/api/v1/query/sql",
                "{\"sql\":\"SELECT host FROM \\\"tenant-two__shared\\\".common\"}", "Authorization", t1);
        assertEquals(escape.body(), 400, escape.status());
    }

    @Test
    public void anExpiredOrForgedJwtIs401() throws Exception {
        String good = jwt("tenant-one", "read");
        String[] parts = good.split("\\.");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"tenant_id\":\"tenant-two\",\"scopes\":\"read\",\"exp\":4102444800}".getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertEquals(401, send("GET", "/api/v1/metrics", null, "Authorization", bearer(forged)).status());
        assertEquals(200, send("GET", "/api/v1/metrics", null, "Authorization", bearer(good)).status());
    }
}
