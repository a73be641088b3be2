package io.cairn.query.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.access.Permission;
import io.cairn.api.access.RequestAccess;
import io.cairn.api.access.RowFilter;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.TagPredicate;
import io.cairn.api.store.TimeSeriesStore;
import io.cairn.query.internal.sql.SqlLimits;
import io.cairn.store.lmdb.internal.LmdbStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A statement prepared once and run for different tokens and tenants: each gets its own rows, because row
 * filters and tenant databases act below the plan, at scan time. Hosts h0 and h2 are production, h1 and h3 dev,
 * value = 10 * host + i for i in 0..4; tenants one and two each have a database "metrics" of their own.
 */
class CachedPlanSecurityTest {
    private static final long T0 = 1_704_067_200_000L * 1_000_000L;
    private static final String STATEMENT = "{\"sql\":\"SELECT host, count(value) AS n, max(value) AS top FROM cpu"
            + " WHERE time >= ? GROUP BY host ORDER BY host\",\"params\":[\"2024-01-01T00:00:00Z\"]}";

    @TempDir
    static Path dir;
    static TimeSeriesStore store;
    static SqlServlet sql;

    /** A reader of ops.cpu under a row filter. */
    record Reader(RowFilter rows) implements RequestAccess {
        @Override
        public boolean permits(Permission permission, String database, String measurement) {
            return permission == Permission.READ && "ops".equals(database);
        }

        @Override
        public RowFilter rowFilter(String database, String measurement) {
            return rows;
        }
    }

    @BeforeAll
    static void open() {
        store = LmdbStores.open(dir);
        write("ops", 4, 0);
        write("one__metrics", 1, 100);
        write("two__metrics", 2, 200);
        sql = new SqlServlet(SqlLimits.DEFAULTS, 0);
        sql.useStore(store);
    }

    private static void write(String database, int hosts, int offset) {
        WriteBatch.Builder b = WriteBatch.builder(database, "cpu");
        for (int h = 0; h < hosts; h++) {
            Tags tags = Tags.of("env", h % 2 == 0 ? "production" : "dev", "host", "h" + h);
            for (int i = 0; i < 5; i++) {
                b.setDouble(b.addRow(tags, T0 + i * 1_000_000_000L), "value", offset + 10 * h + i);
            }
        }
        store.write(b.build());
    }

    @AfterAll
    static void close() {
        sql.close();
        LmdbStores.close(store);
    }

    private static String rows(String env) throws Exception {
        RowFilter filter = RowFilter.of(java.util.List.of(new TagPredicate("env", Set.of(env))));
        FakeHttp.Reply reply = FakeHttp.call(sql, "POST", null, Map.of(), Map.of("db", "ops"), STATEMENT,
                Map.of(RequestAccess.ATTRIBUTE, new Reader(filter)));
        assertEquals(200, reply.status(), reply.body());
        return reply.json().get("data").toString();
    }

    private static String rowsOfTenant(String tenant) throws Exception {
        FakeHttp.Reply reply = FakeHttp.call(sql, "POST", null, Map.of(), Map.of("db", "metrics"), STATEMENT,
                Map.of(TenantStoreView.PRINCIPAL, Map.of("id", "t", "tenant", tenant)));
        assertEquals(200, reply.status(), reply.body());
        return reply.json().get("data").toString();
    }

    @Test
    void tokensWithDifferentRowFiltersShareThePlanNotTheRows() throws Exception {
        long reusedBefore = sql.engine.reusedPlans();
        for (int round = 0; round < 2; round++) {
            assertEquals("[[\"h0\",5,4.0],[\"h2\",5,24.0]]", rows("production"));
            assertEquals("[[\"h1\",5,14.0],[\"h3\",5,34.0]]", rows("dev"));
        }
        assertTrue(sql.engine.reusedPlans() - reusedBefore >= 3, "the plan was reused");
    }

    private static String jsonRows(QueryServlet query, String env) throws Exception {
        RowFilter filter = RowFilter.of(java.util.List.of(new TagPredicate("env", Set.of(env))));
        String body = "{\"queryType\":\"aggregate\",\"metricName\":\"cpu\",\"aggregation\":\"sum\","
                + "\"groupBy\":[\"host\"],\"timeRange\":{\"start\":" + T0 / 1_000_000L + ",\"end\":"
                + (T0 / 1_000_000L + 3_600_000) + "}}";
        FakeHttp.Reply reply = FakeHttp.call(query, "POST", null, Map.of(), Map.of("db", "ops"), body,
                Map.of(RequestAccess.ATTRIBUTE, new Reader(filter)));
        assertEquals(200, reply.status(), reply.body());
        return reply.json().get("results").toString();
    }

    @Test
    void theJsonQueryOnACachedPlanGivesEachTokenItsOwnRows() throws Exception {
        QueryServlet query = new QueryServlet(QueryLimits.DEFAULTS,
                Clock.fixed(Instant.ofEpochMilli(T0 / 1_000_000L + 3_600_000), ZoneOffset.UTC), 0);
        query.useStore(store);
        try {
            for (int round = 0; round < 2; round++) {
                assertEquals("[{\"groupKey\":{\"host\":\"h0\"},\"value\":10.0,\"count\":5},"
                        + "{\"groupKey\":{\"host\":\"h2\"},\"value\":110.0,\"count\":5}]", jsonRows(query, "production"));
                assertEquals("[{\"groupKey\":{\"host\":\"h1\"},\"value\":60.0,\"count\":5},"
                        + "{\"groupKey\":{\"host\":\"h3\"},\"value\":160.0,\"count\":5}]", jsonRows(query, "dev"));
            }
            assertTrue(query.reusedPlans() >= 3, "the plan was reused");
        } finally {
            query.close();
        }
    }

    @Test
    void tenantsNeverShareAStatementsRows() throws Exception {
        for (int round = 0; round < 2; round++) {
            assertEquals("[[\"h0\",5,104.0]]", rowsOfTenant("one"));
            assertEquals("[[\"h0\",5,204.0],[\"h1\",5,214.0]]", rowsOfTenant("two"));
        }
    }
}
