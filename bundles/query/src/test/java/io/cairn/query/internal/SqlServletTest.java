package io.cairn.query.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.TimeSeriesStore;
import io.cairn.query.internal.sql.SqlLimits;
import io.cairn.store.lmdb.internal.LmdbStores;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQL and EXPLAIN endpoints over the real LMDB store, driven without a server. */
class SqlServletTest {
    private static final long T0 = 1_704_067_200_000_000_000L;

    @TempDir
    static Path dir;
    static TimeSeriesStore store;
    static SqlServlet sql;
    static ExplainServlet explain;

    @BeforeAll
    static void open() {
        store = LmdbStores.open(dir);
        WriteBatch.Builder b = WriteBatch.builder("default", "cpu");
        for (int i = 0; i < 30; i++) {
            int row = b.addRow(Tags.of("host", i % 2 == 0 ? "a" : "b"), T0 + i * 60_000_000_000L);
            b.setDouble(row, "usage", i);
        }
        store.write(b.build());
        for (String tenant : new String[] {"one", "two"}) {
            WriteBatch.Builder t = WriteBatch.builder(tenant + "__shared", "secret");
            for (int i = 0; i < 3; i++) {
                t.setDouble(t.addRow(Tags.of("owner", tenant), T0 + i * 1_000_000_000L), "v", tenant.length() * 100 + i);
            }
            store.write(t.build());
        }
        sql = new SqlServlet(new SqlLimits(30_000, 20), 0);
        sql.useStore(store);
        explain = new ExplainServlet(SqlLimits.DEFAULTS, 0);
        explain.useStore(store);
    }

    @AfterAll
    static void close() {
        sql.close();
        explain.close();
        LmdbStores.close(store);
    }

    static FakeHttp.Reply post(jakarta.servlet.http.HttpServlet servlet, String body) throws Exception {
        return FakeHttp.call(servlet, "POST", null, Map.of(), Map.of(), body);
    }

    static FakeHttp.Reply asTenant(String tenant, String body, Map<String, String> headers) throws Exception {
        return FakeHttp.call(sql, "POST", null, headers, Map.of(), body,
                Map.of(TenantStoreView.PRINCIPAL, Map.of("id", "t", "tenant", tenant)));
    }

    @Test
    void aTenantSeesOnlyItsOwnDatabasesWhateverTheStatement() throws Exception {
        FakeHttp.Reply own = asTenant("one", "{\"sql\":\"SELECT owner, count(*) AS n FROM secret GROUP BY owner\",\"database\":\"shared\"}", Map.of());
        assertEquals(200, own.status(), own.body());
        assertEquals("[[\"one\",3]]", own.json().get("data").toString());
        FakeHttp.Reply mapped = asTenant("two", "{\"sql\":\"SELECT DISTINCT owner FROM secret\"}",
                Map.of(JsonReplies.DATABASE_HEADER, "two__shared"));
        assertEquals("[[\"two\"]]", mapped.json().get("data").toString(), mapped.body());
        FakeHttp.Reply databases = asTenant("one", "{\"sql\":\"SHOW DATABASES\"}", Map.of());
        assertEquals("[[\"shared\"]]", databases.json().get("data").toString(), databases.body());
        for (String escape : new String[] {
            "SELECT owner FROM \\\"two__shared\\\".secret",
            "SELECT owner FROM secret UNION ALL SELECT owner FROM \\\"two__shared\\\".secret",
            "SELECT owner FROM secret WHERE owner IN (SELECT owner FROM \\\"two__shared\\\".secret)",
            "SELECT owner FROM \\\"default\\\".cpu"}) {
            FakeHttp.Reply r = asTenant("one", "{\"sql\":\"" + escape + "\",\"database\":\"shared\"}", Map.of());
            assertEquals(400, r.status(), escape + " -> " + r.body());
            assertEquals("INVALID_QUERY", r.json().get("error").get("code").asText());
        }
        FakeHttp.Reply or = asTenant("one", "{\"sql\":\"SELECT owner FROM secret WHERE owner = 'two' OR 1 = 1\","
                + "\"database\":\"shared\"}", Map.of());
        assertEquals("[[\"one\"],[\"one\"],[\"one\"]]", or.json().get("data").toString(), or.body());
        FakeHttp.Reply show = asTenant("one", "{\"sql\":\"SHOW MEASUREMENTS FROM two__shared\"}", Map.of());
        assertEquals("[]", show.json().get("data").toString(), show.body());
    }

    @Test
    void answersRowMajorJsonWithTypes() throws Exception {
        FakeHttp.Reply reply = post(sql, "{\"sql\":\"SELECT time, host, usage FROM cpu WHERE host = ? AND usage < ?"
                + " ORDER BY time\",\"params\":[\"b\", 5]}");
        assertEquals(200, reply.status(), reply.body());
        JsonNode json = reply.json();
        assertEquals("[\"time\",\"host\",\"usage\"]", json.get("columns").toString());
        assertEquals("[\"TIMESTAMP\",\"VARCHAR\",\"DOUBLE\"]", json.get("types").toString());
        assertEquals(2, json.get("row_count").asInt());
        assertEquals("[\"2024-01-01T00:01:00Z\",\"b\",1.0]", json.get("data").get(0).toString());
        assertTrue(json.get("execution_time_ms").isFloatingPointNumber(), json.toString());
        assertTrue(!json.has("truncated"));
    }

    private static String failedField(String body) throws Exception {
        FakeHttp.Reply reply = post(sql, body);
        assertEquals(400, reply.status(), body + " -> " + reply.body());
        JsonNode error = reply.json().get("error");
        return error.get("code").asText() + " " + error.get("details").get("field").asText();
    }

    @Test
    void theBodyIsCheckedFieldByField() throws Exception {
        assertEquals("INVALID_QUERY body", failedField("not json"));
        assertEquals("INVALID_QUERY body", failedField("{\"sql\":\"SHOW TABLES\""));
        assertEquals("INVALID_QUERY sql", failedField("{}"));
        assertEquals("INVALID_QUERY sql", failedField("[1, 2]"));
        assertEquals("INVALID_QUERY sql", failedField(""));
        assertEquals("INVALID_QUERY sql", failedField("{\"sql\":\"  \"}"));
        assertEquals("INVALID_QUERY sql", failedField("{\"sql\":[\"SHOW TABLES\"]}"));
        assertEquals("INVALID_QUERY sql", failedField("{\"params\":[[1]]}"));
        assertEquals("INVALID_QUERY format", failedField("{\"sql\":\"SHOW TABLES\",\"format\":5}"));
        assertEquals("INVALID_QUERY format", failedField("{\"sql\":\"SHOW TABLES\",\"format\":\"csv\"}"));
        assertEquals("INVALID_QUERY params", failedField("{\"sql\":\"SHOW TABLES\",\"params\":{\"a\":1}}"));
        assertEquals("INVALID_QUERY params", failedField("{\"sql\":\"SHOW TABLES\",\"params\":[1,[2],3]}"));
        assertEquals("INVALID_DATABASE database",
                failedField("{\"sql\":\"SHOW TABLES\",\"database\":\"no/such\",\"params\":5}"));
        assertEquals(200, post(sql, "{\"sql\":\"SHOW TABLES\",\"format\":null,\"params\":null}").status());
    }

    @Test
    void parametersKeepTheirJsonTypesAndUnknownFieldsAreIgnored() throws Exception {
        String count = "{\"x\":{\"y\":[1,{\"z\":2}]},\"sql\":\"SELECT count(*) FROM cpu WHERE usage < ?\",\"params\":";
        assertEquals("[[5]]", post(sql, count + "[5]}").json().get("data").toString());
        assertEquals("[[6]]", post(sql, count + "[5.5]}").json().get("data").toString());
        assertEquals("[[30]]", post(sql, count + "[123456789012345678901234567890]}").json().get("data").toString());
        assertEquals("[[0]]", post(sql, count + "[7], \"params\":[-1]}").json().get("data").toString());
    }

    @Test
    void aResultOverTheRowLimitIsCutAndSaysSo() throws Exception {
        JsonNode json = post(sql, "{\"sql\":\"SELECT * FROM cpu\"}").json();
        assertEquals(20, json.get("row_count").asInt());
        assertTrue(json.get("truncated").asBoolean());
    }

    @Test
    void theDatabaseComesFromTheBody() throws Exception {
        JsonNode json = post(sql, "{\"sql\":\"SHOW MEASUREMENTS\",\"database\":\"default\"}").json();
        assertEquals("[[\"cpu\"]]", json.get("data").toString());
        assertEquals(400, post(sql, "{\"sql\":\"SHOW TABLES\",\"database\":\"no/such\"}").status());
    }

    @Test
    void badStatementsAre400WithCalcitesMessageAndPosition() throws Exception {
        FakeHttp.Reply reply = post(sql, "{\"sql\":\"SELECT usage FROM cpu WHERE nope = 1\"}");
        assertEquals(400, reply.status());
        JsonNode error = reply.json().get("error");
        assertEquals("INVALID_QUERY", error.get("code").asText());
        assertTrue(error.get("message").asText().contains("Column 'nope' not found"), error.toString());
        assertEquals(29, error.get("details").get("column").asInt());
        assertEquals(400, post(sql, "{\"sql\":\"SELECT FROM\"}").status());
        assertEquals(400, post(sql, "{\"sql\":\"SELECT ? FROM cpu\",\"params\":[]}").status());
        assertEquals(400, post(sql, "{\"nosql\":1}").status());
        assertEquals(400, post(sql, "not json").status());
    }

    @Test
    void explainNamesWhatWasPushedDown() throws Exception {
        FakeHttp.Reply reply = post(explain, "{\"sql\":\"SELECT host, max(usage) FROM cpu WHERE time >= TIMESTAMP"
                + " '2024-01-01 00:10:00' GROUP BY host\"}");
        assertEquals(200, reply.status(), reply.body());
        String plan = reply.json().get("plan").asText();
        assertTrue(plan.contains("filter=[[time >= 2024-01-01T00:10:00Z]]"), plan);
        assertTrue(plan.contains("aggregation=[[group=[host], calls=[max(usage)]]]"), plan);
    }
}
