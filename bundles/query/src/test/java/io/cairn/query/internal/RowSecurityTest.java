package io.cairn.query.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.access.Permission;
import io.cairn.api.access.RequestAccess;
import io.cairn.api.access.RowFilter;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.StoreCapability;
import io.cairn.api.store.TagPredicate;
import io.cairn.api.store.TimeSeriesStore;
import io.cairn.query.internal.sql.SqlLimits;
import io.cairn.store.lmdb.internal.LmdbStores;
import jakarta.servlet.http.HttpServlet;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Row-level security on every query path over the real LMDB store. Six hosts write ten points each to
 * ops.cpu: h0 production/eu, h1 staging/us, h2 dev/eu, h3 production/us, h4 staging/eu, h5 dev/us, with
 * value = 100 * host + i; one more staging series has a tag key of its own (owner). The reader may see
 * ops.cpu under a row filter and ops.mem whole; never ops.secret or the database hidden.
 */
class RowSecurityTest {
    private static final long T0_MS = 1_704_067_200_000L;
    private static final long T0 = T0_MS * 1_000_000L;
    private static final String[] ENV = {"production", "staging", "dev"};
    private static final RowFilter PRODUCTION = RowFilter.of(List.of(new TagPredicate("env", Set.of("production"))));
    private static final RowFilter PRODUCTION_OR_EU = new RowFilter(List.of(
            List.of(new TagPredicate("env", Set.of("production"))), List.of(new TagPredicate("region", Set.of("eu")))));

    @TempDir
    static Path dir;
    static TimeSeriesStore store;
    static SqlServlet sql;
    static ExplainServlet explain;

    /** A reader of ops.cpu under a filter and of ops.mem whole. */
    record Reader(RowFilter cpuRows) implements RequestAccess {
        @Override
        public boolean permits(Permission permission, String database, String measurement) {
            return permission == Permission.READ && "ops".equals(database)
                    && (measurement == null || measurement.equals("cpu") || measurement.equals("mem"));
        }

        @Override
        public RowFilter rowFilter(String database, String measurement) {
            return "cpu".equals(measurement) ? cpuRows : RowFilter.ALL;
        }
    }

    @BeforeAll
    static void open() {
        store = LmdbStores.open(dir);
        WriteBatch.Builder cpu = WriteBatch.builder("ops", "cpu");
        for (int h = 0; h < 6; h++) {
            Tags tags = Tags.of("env", ENV[h % 3], "host", "h" + h, "region", h % 2 == 0 ? "eu" : "us");
            for (int i = 0; i < 10; i++) {
                cpu.setDouble(cpu.addRow(tags, T0 + i * 60_000_000_000L), "value", 100.0 * h + i);
            }
        }
        cpu.setDouble(cpu.addRow(Tags.of("env", "staging", "owner", "finance"), T0), "value", 1);
        store.write(cpu.build());
        for (String[] place : new String[][] {{"ops", "mem"}, {"ops", "secret"}, {"hidden", "cpu"}}) {
            WriteBatch.Builder b = WriteBatch.builder(place[0], place[1]);
            b.setDouble(b.addRow(Tags.of("env", "staging"), T0), "value", 7);
            store.write(b.build());
        }
        sql = new SqlServlet(new SqlLimits(30_000, 1_000), 0);
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

    private static FakeHttp.Reply call(HttpServlet servlet, RowFilter rows, String statement) throws Exception {
        return FakeHttp.call(servlet, "POST", null, Map.of(), Map.of("db", "ops"),
                "{\"sql\":\"" + statement + "\"}", Map.of(RequestAccess.ATTRIBUTE, new Reader(rows)));
    }

    private static JsonNode data(RowFilter rows, String statement) throws Exception {
        FakeHttp.Reply reply = call(sql, rows, statement);
        assertEquals(200, reply.status(), statement + " -> " + reply.body());
        return reply.json().get("data");
    }

    private static Set<String> column(JsonNode data, int index) {
        Set<String> values = new TreeSet<>();
        data.forEach(row -> values.add(row.get(index).asText()));
        return values;
    }

    @Test
    void sqlTricksSeeOnlyTheRowsOfTheFilter() throws Exception {
        for (String statement : new String[] {
            "SELECT env, host FROM cpu",
            "SELECT env, host FROM cpu WHERE env = 'staging' OR 1 = 1",
            "SELECT env, host FROM cpu UNION SELECT env, host FROM cpu WHERE env = 'dev'",
            "SELECT env, host FROM (SELECT * FROM cpu WHERE host IN (SELECT host FROM cpu WHERE env = 'staging')) s"
                + " UNION ALL SELECT env, host FROM cpu",
            "SELECT a.env, b.host FROM cpu a JOIN cpu b ON a.time = b.time WHERE a.env = 'dev' OR b.host <> 'zzz'",
            "SELECT env, host FROM \\\"ops\\\".cpu ORDER BY time DESC LIMIT 5"}) {
            JsonNode data = data(PRODUCTION, statement);
            assertFalse(data.isEmpty(), statement);
            assertEquals(Set.of("production"), column(data, 0), statement);
            assertTrue(Set.of("h0", "h3").containsAll(column(data, 1)), statement);
        }
        assertEquals("[]", data(PRODUCTION, "SELECT env, host FROM cpu WHERE env <> 'production' OR host = 'h1'")
                .toString(), "rows outside the filter stay outside whatever the predicate");
        JsonNode two = data(PRODUCTION_OR_EU, "SELECT DISTINCT host FROM cpu WHERE env = 'staging' OR region = 'us'");
        assertEquals(Set.of("h3", "h4"), column(two, 0), "staging or us, inside production or eu");
    }

    @Test
    void aggregatesCountOnlyTheAllowedRowsWithOneOrTwoAlternatives() throws Exception {
        assertEquals("[[3090.0,20]]", data(PRODUCTION, "SELECT sum(\\\"value\\\"), count(*) FROM cpu").toString());
        assertEquals("[[9180.0,40]]", data(PRODUCTION_OR_EU, "SELECT sum(\\\"value\\\"), count(*) FROM cpu").toString());
        JsonNode byEnv = data(PRODUCTION_OR_EU, "SELECT env, count(*) FROM cpu GROUP BY env ORDER BY env");
        assertEquals("[[\"dev\",10],[\"production\",20],[\"staging\",10]]", byEnv.toString());
        JsonNode bucketed = data(PRODUCTION_OR_EU, "SELECT time_bucket('5 minutes', time) AS b, count(*) "
                + "FROM cpu GROUP BY time_bucket('5 minutes', time) ORDER BY b");
        assertEquals(2, bucketed.size());
        assertEquals(20, bucketed.get(0).get(1).asInt());
        assertEquals("[[0]]", data(PRODUCTION, "SELECT count(*) FROM cpu WHERE env = 'staging'").toString(),
                "the user's predicate and the filter on one key intersect to nothing");
    }

    @Test
    void unreadableMeasurementsAndDatabasesAreNotTables() throws Exception {
        for (String statement : new String[] {"SELECT * FROM secret", "SELECT * FROM hidden.cpu",
            "SELECT env FROM cpu UNION SELECT env FROM secret"}) {
            FakeHttp.Reply reply = call(sql, PRODUCTION, statement);
            assertEquals(400, reply.status(), statement + " -> " + reply.body());
            assertEquals("INVALID_QUERY", reply.json().at("/error/code").asText());
        }
        assertEquals("[[\"ops\"]]", data(PRODUCTION, "SHOW DATABASES").toString());
        assertEquals("[[\"cpu\"],[\"mem\"]]", data(PRODUCTION, "SHOW MEASUREMENTS").toString());
        assertEquals(400, call(explain, PRODUCTION, "SELECT * FROM secret").status());
        assertEquals(200, call(explain, PRODUCTION_OR_EU, "SELECT count(*) FROM cpu").status());
    }

    @Test
    void severalAlternativesTakeAggregationAwayFromTheStore() {
        TimeSeriesStore one = RowSecureStoreView.of(store, new Reader(PRODUCTION));
        TimeSeriesStore two = RowSecureStoreView.of(store, new Reader(PRODUCTION_OR_EU));
        assertTrue(one.capabilities().contains(StoreCapability.AGGREGATION));
        assertFalse(two.capabilities().contains(StoreCapability.AGGREGATION));
    }

    @Test
    void theJsonQueryAggregatesAllowedRowsAndRefusesAnUnreadableMetric() throws Exception {
        QueryServlet query = new QueryServlet(QueryLimits.DEFAULTS,
                Clock.fixed(Instant.ofEpochMilli(T0_MS + 3_600_000), ZoneOffset.UTC), 0);
        query.useStore(store);
        String body = "{\"queryType\":\"aggregate\",\"metricName\":\"cpu\",\"aggregation\":\"sum\",\"groupBy\":[\"env\"],"
                + "\"timeRange\":{\"start\":" + T0_MS + ",\"end\":" + (T0_MS + 3_600_000) + "}}";
        for (RowFilter rows : List.of(PRODUCTION, PRODUCTION_OR_EU)) {
            FakeHttp.Reply reply = FakeHttp.call(query, "POST", null, Map.of(), Map.of("db", "ops"), body,
                    Map.of(RequestAccess.ATTRIBUTE, new Reader(rows)));
            assertEquals(200, reply.status(), reply.body());
            JsonNode results = reply.json().get("results");
            if (rows == PRODUCTION) {
                assertEquals("[{\"groupKey\":{\"env\":\"production\"},\"value\":3090.0,\"count\":20}]", results.toString());
            } else {
                assertEquals(3, results.size());
                assertEquals(2045.0, results.get(0).get("value").asDouble(), "dev: h2 only");
            }
        }
        FakeHttp.Reply refused = FakeHttp.call(query, "POST", null, Map.of(), Map.of("db", "ops"),
                body.replace("\"cpu\"", "\"secret\""), Map.of(RequestAccess.ATTRIBUTE, new Reader(PRODUCTION)));
        assertEquals(403, refused.status());
        assertEquals("FORBIDDEN", refused.json().at("/error/code").asText());
    }

    @Test
    void discoveryShowsNoValueOfARowOutsideTheFilter() throws Exception {
        MetricsServlet metrics = new MetricsServlet();
        metrics.useStore(store);
        Map<String, Object> one = Map.of(RequestAccess.ATTRIBUTE, new Reader(PRODUCTION));
        Map<String, String> db = Map.of("db", "ops");
        assertEquals("[\"cpu\",\"mem\"]",
                FakeHttp.call(metrics, "GET", "", Map.of(), db, "", one).json().get("metrics").toString());
        assertEquals("[\"production\"]", FakeHttp.call(metrics, "GET", "/cpu/dimensions/env/values", Map.of(), db, "",
                one).json().get("values").toString());
        assertEquals("[\"h0\",\"h3\"]", FakeHttp.call(metrics, "GET", "/cpu/dimensions/host/values", Map.of(), db, "",
                one).json().get("values").toString());
        JsonNode counted = FakeHttp.call(metrics, "GET", "/cpu/dimensions/region/values", Map.of(),
                Map.of("db", "ops", "order", "frequency"), "",
                Map.of(RequestAccess.ATTRIBUTE, new Reader(PRODUCTION_OR_EU))).json();
        assertEquals("[\"eu\",\"us\"]", counted.get("values").toString());
        assertEquals("[3,1]", counted.get("series").toString());
        assertEquals("[\"env\",\"host\",\"region\"]", FakeHttp.call(metrics, "GET", "/cpu/dimensions", Map.of(), db,
                "", one).json().get("dimensions").toString(), "no key of a hidden series");
        assertEquals("[]", FakeHttp.call(metrics, "GET", "/secret/dimensions", Map.of(), db, "", one).json()
                .get("dimensions").toString());

        TimeSeriesStore view = RowSecureStoreView.of(store, new Reader(PRODUCTION));
        assertEquals(2, view.seriesCount("ops", "cpu"));
        assertTrue(view.seriesExists("ops", "cpu", Tags.of("env", "production", "host", "h0", "region", "eu")));
        assertFalse(view.seriesExists("ops", "cpu", Tags.of("env", "staging", "host", "h1", "region", "us")));
        assertEquals(List.of("ops"), view.databases());
    }

    @Test
    void aTokenThatReadsItselfSeesEverything() throws Exception {
        FakeHttp.Reply reply = FakeHttp.call(sql, "POST", null, Map.of(), Map.of("db", "ops"),
                "{\"sql\":\"SELECT count(*) FROM cpu\"}", Map.of(RequestAccess.ATTRIBUTE, new Reader(PRODUCTION),
                        TenantStoreView.PRINCIPAL, Map.of("id", "t", "permissions", List.of("read"))));
        assertEquals("[[61]]", reply.json().get("data").toString());
    }
}
