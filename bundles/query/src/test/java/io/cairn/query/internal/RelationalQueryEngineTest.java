package io.cairn.query.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.store.StoreCapability;
import io.cairn.api.store.TimeSeriesStore;
import io.cairn.query.internal.sql.PlanScope;
import io.cairn.query.internal.sql.SqlEngine;
import io.cairn.query.internal.sql.SqlLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The dashboard aggregates planned on the SQL layer answer exactly (the JSON response, byte for byte) what the
 * store engine answers, over random data with series lacking tags and nanosecond times; the queries without a
 * relational form still run on the store engine.
 */
class RelationalQueryEngineTest {
    private static final long START_MS = StoreQueryEngineTest.START_MS;
    private static final long END_MS = StoreQueryEngineTest.END_MS;

    private static String json(String type, String fn, String field, String interval, String groupBy, String filters) {
        return "{\"queryType\":\"" + type + "\",\"metricName\":\"cpu\",\"field\":\"" + field + "\",\"timeRange\":{"
                + "\"start\":" + START_MS + ",\"end\":" + END_MS + "}" + (fn == null ? "" : ",\"aggregation\":\"" + fn + "\"")
                + (interval == null ? "" : ",\"interval\":\"" + interval + "\"") + ",\"groupBy\":[" + groupBy + "]"
                + (filters == null ? "" : ",\"filters\":{" + filters + "}") + "}";
    }

    private static List<String> queries() {
        List<String> out = new ArrayList<>();
        for (String fn : List.of("avg", "sum", "count", "min", "max")) {
            for (String field : List.of("value", "bytes")) {
                for (String interval : new String[] {null, "1m", "7m", "1h"}) {
                    out.add(json("aggregate", fn, field, interval, "", null));
                    out.add(json("aggregate", fn, field, interval, "\"host\"", "\"region\":[\"r0\",\"r1\"]"));
                    out.add(json("aggregate", fn, field, interval, "\"region\",\"host\"", "\"host\":[\"h1\"]"));
                }
            }
        }
        out.add(json("aggregate", "avg", "value", "5m", "\"nothing\"", null));
        out.add(json("aggregate", "avg", "value", "5m", "\"host\"", "\"nothing\":[\"x\"]"));
        out.add(json("aggregate", "avg", "missing", "5m", "\"host\"", null));
        out.add(json("aggregate", "p95", "value", "5m", "\"host\"", null));
        out.add(json("aggregate", "integral", "value", null, "\"host\"", null));
        out.add(json("rate", null, "total", "10m", "\"host\"", null));
        out.add(json("range", null, "value", null, "", "\"host\":[\"h2\"]"));
        return out;
    }

    static String answer(QueryEngine engine, String json) throws IOException {
        DashboardQuery q = StoreQueryEngineTest.parse(json);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            QueryResultWriter.write(out, q, engine.execute(q, Deadline.after(10_000)), 0);
        } catch (QueryException e) {
            return e.status() + " " + e.code() + " " + e.getMessage();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void sameAnswers(TimeSeriesStore store, SqlEngine sql) throws IOException {
        for (String json : queries()) {
            String expected = answer(new StoreQueryEngine(store, QueryLimits.DEFAULTS), json);
            String actual = answer(new RelationalQueryEngine(sql, new PlanScope(store, null), store,
                    QueryLimits.DEFAULTS), json);
            assertEquals(expected, actual, json);
        }
    }

    @Test
    void aggregatesAnswerAsTheStoreEngineDoes() throws IOException {
        try (SqlEngine sql = new SqlEngine(SqlLimits.DEFAULTS)) {
            for (long seed = 1; seed <= 2; seed++) {
                MemoryStore store = StoreQueryEngineTest.randomStore(StoreQueryEngineTest.ALL, seed);
                sameAnswers(store, sql);
                long reused = sql.reusedPlans();
                sameAnswers(store, sql);
                assertTrue(sql.reusedPlans() - reused >= 120, "the second round runs on cached plans");
                assertTrue(store.aggregateScans.get() > 0, "pushed down");
                assertEquals(store.opened.get(), store.closed.get(), "every cursor closed");
            }
        }
    }

    @Test
    void storesThatCannotAggregateOrFilterStillAnswerTheSame() throws IOException {
        try (SqlEngine sql = new SqlEngine(SqlLimits.DEFAULTS)) {
            for (Set<StoreCapability> caps : List.of(StoreQueryEngineTest.NO_AGGREGATION,
                    StoreQueryEngineTest.NO_TAG_FILTER, StoreQueryEngineTest.NOTHING)) {
                sameAnswers(StoreQueryEngineTest.randomStore(caps, 7), sql);
            }
        }
    }

    @Test
    void aSlowAggregateTimesOutLikeOnTheStoreEngineAndClosesItsScan() {
        MemoryStore slow = new MemoryStore(StoreQueryEngineTest.ALL, 1, 30);
        for (int h = 0; h < 40; h++) {
            slow.add("cpu", io.cairn.api.model.Tags.of("host", "h" + h), START_MS * 1_000_000L + h, "value", h);
        }
        String json = "{\"queryType\":\"aggregate\",\"metricName\":\"cpu\",\"field\":\"value\",\"aggregation\":"
                + "\"avg\",\"groupBy\":[\"host\"],\"timeRange\":{\"start\":" + START_MS + ",\"end\":" + END_MS + "},";
        DashboardQuery patient = StoreQueryEngineTest.parse(json + "\"timeout\":\"20s\"}");
        DashboardQuery q = StoreQueryEngineTest.parse(json + "\"timeout\":\"300ms\"}");
        try (SqlEngine sql = new SqlEngine(SqlLimits.DEFAULTS)) {
            QueryEngine relational = new RelationalQueryEngine(sql, new PlanScope(slow, null), slow, QueryLimits.DEFAULTS);
            relational.execute(patient, Deadline.after(patient.timeoutMillis()));
            QueryException e = org.junit.jupiter.api.Assertions.assertThrows(QueryException.class,
                    () -> relational.execute(q, Deadline.after(q.timeoutMillis())));
            QueryException old = org.junit.jupiter.api.Assertions.assertThrows(QueryException.class,
                    () -> new StoreQueryEngine(slow, QueryLimits.DEFAULTS).execute(q, Deadline.after(q.timeoutMillis())));
            assertEquals(504, e.status());
            assertEquals(old.code() + " " + old.getMessage(), e.code() + " " + e.getMessage());
            assertEquals(3, slow.aggregateScans.get(), "planned with time to spare, then timed out while scanning");
            assertEquals(slow.opened.get(), slow.closed.get(), "every cursor closed");
        }
    }

    @Test
    void theRelationalPlanPushesTheAggregationIntoTheStore() {
        MemoryStore store = StoreQueryEngineTest.randomStore(StoreQueryEngineTest.ALL, 5);
        DashboardQuery q = StoreQueryEngineTest.parse(json("aggregate", "max", "value", "1m", "\"host\"",
                "\"region\":[\"r0\"]"));
        DashboardRelation relation = DashboardRelation.of(q, store).orElseThrow();
        assertEquals(List.of(START_MS, END_MS, "r0"), relation.values());
        try (SqlEngine sql = new SqlEngine(SqlLimits.DEFAULTS)) {
            QueryResult result = new RelationalQueryEngine(sql, new PlanScope(store, null), store,
                    QueryLimits.DEFAULTS).execute(q, Deadline.after(10_000));
            assertTrue(result instanceof QueryResult.GroupSeriesList s && !s.groups().isEmpty());
            assertEquals(1, store.aggregateScans.get());
        }
    }
}
