package io.cairn.query.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.Tags;
import io.cairn.query.internal.sql.PlanScope;
import io.cairn.query.internal.sql.SqlEngine;
import io.cairn.query.internal.sql.SqlLimits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dashboard aggregates planned on the SQL layer where names, keys and sizes are unusual: measurements whose
 * names differ only in case, tag keys containing ", ", more groups than allowed and long filter lists all answer
 * as the store engine does.
 */
class RelationalQueryEdgesTest {
    private static final long T = StoreQueryEngineTest.START_MS * 1_000_000L;

    private static String json(String metric, String field, String groupBy, String filters) {
        return "{\"queryType\":\"aggregate\",\"metricName\":\"" + metric + "\",\"field\":\"" + field
                + "\",\"aggregation\":\"avg\",\"interval\":\"1m\",\"timeRange\":{\"start\":"
                + StoreQueryEngineTest.START_MS + ",\"end\":" + StoreQueryEngineTest.END_MS + "},\"groupBy\":["
                + groupBy + "]" + (filters == null ? "" : ",\"filters\":{" + filters + "}") + "}";
    }

    private static void sameAnswer(MemoryStore store, SqlEngine sql, String json) throws IOException {
        String expected = RelationalQueryEngineTest.answer(new StoreQueryEngine(store, QueryLimits.DEFAULTS), json);
        String actual = RelationalQueryEngineTest.answer(new RelationalQueryEngine(sql, new PlanScope(store, null),
                store, QueryLimits.DEFAULTS), json);
        assertEquals(expected, actual, json);
    }

    @Test
    void aMeasurementDifferingOnlyInCaseIsNeverReadInstead() throws IOException {
        MemoryStore store = new MemoryStore(StoreQueryEngineTest.ALL, 100, 0);
        store.add("CPU", Tags.of("host", "a"), T, "value", 100.0);
        store.add("cpu", Tags.of("host", "a"), T, "value", 1.0);
        store.add("cpu", Tags.of("host", "a"), T, "only", 5.0);
        store.add("CPU", Tags.of("host", "a"), T, "other", 7.0);
        try (SqlEngine sql = new SqlEngine(SqlLimits.DEFAULTS)) {
            for (String metric : List.of("cpu", "CPU")) {
                for (String field : List.of("value", "only", "other")) {
                    sameAnswer(store, sql, json(metric, field, "\"host\"", null));
                }
            }
        }
        assertTrue(store.aggregateScans.get() >= 4, "planned on the SQL layer and pushed down");
    }

    @Test
    void tagKeysContainingACommaDoNotShareAPlanWithTwoKeys() throws IOException {
        MemoryStore store = new MemoryStore(StoreQueryEngineTest.ALL, 100, 0);
        for (int i = 0; i < 4; i++) {
            store.add("cpu", Tags.of("a", "x" + i % 2, "b", "y" + i, "a, b", "z" + i % 3), T + i, "value", i);
        }
        String twoKeys = json("cpu", "value", "\"a\",\"b\"", null);
        String oneKey = json("cpu", "value", "\"a, b\"", null);
        assertFalse(DashboardRelation.of(StoreQueryEngineTest.parse(twoKeys), store).orElseThrow().planKey()
                .equals(DashboardRelation.of(StoreQueryEngineTest.parse(oneKey), store).orElseThrow().planKey()));
        try (SqlEngine sql = new SqlEngine(SqlLimits.DEFAULTS)) {
            sameAnswer(store, sql, twoKeys);
            sameAnswer(store, sql, oneKey);
            sameAnswer(store, sql, json("cpu", "value", "", "\"a\":[\"x0\",\"x1\"],\"b\":[\"y1\"]"));
            sameAnswer(store, sql, json("cpu", "value", "", "\"a\":[\"x0\"],\"b\":[\"y1\",\"y2\"]"));
        }
    }

    @Test
    void moreGroupsThanAllowedStopReadingAtTheFirstExtraGroup() {
        MemoryStore store = new MemoryStore(StoreQueryEngineTest.ALL, 1, 0);
        for (int h = 0; h < 2_000; h++) {
            store.add("cpu", Tags.of("host", "h" + h), T, "value", h);
        }
        QueryLimits limits = new QueryLimits(10_000, 30_000, 10_000, 10, 86_400_000_000_000L);
        DashboardQuery q = StoreQueryEngineTest.parse(json("cpu", "value", "\"host\"", null));
        try (SqlEngine sql = new SqlEngine(SqlLimits.DEFAULTS)) {
            QueryException e = assertThrows(QueryException.class, () -> new RelationalQueryEngine(sql,
                    new PlanScope(store, null), store, limits).execute(q, Deadline.after(10_000)));
            assertEquals("TOO_MANY_GROUPS", e.code());
        }
        assertEquals(1, store.aggregateScans.get(), "planned on the SQL layer and pushed down");
        assertTrue(store.servedBatches.get() < 100, store.servedBatches + " batches read for 10 groups");
        assertEquals(store.opened.get(), store.closed.get(), "every cursor closed");
    }

    @Test
    void aOneMillisecondTimeoutAnswers504OrRightAndLeavesNoPlanBehind() throws IOException {
        MemoryStore store = new MemoryStore(StoreQueryEngineTest.ALL, 100, 0);
        for (int h = 0; h < 20; h++) {
            store.add("cpu", Tags.of("host", "h" + h % 4), T + h, "value", h);
        }
        String count = json("cpu", "value", "\"host\"", null).replace("\"avg\"", "\"count\"");
        String hurried = count.replace("\"aggregation\"", "\"timeout\":\"1ms\",\"aggregation\"");
        try (SqlEngine sql = new SqlEngine(SqlLimits.DEFAULTS)) {
            RelationalQueryEngine engine = new RelationalQueryEngine(sql, new PlanScope(store, null), store,
                    QueryLimits.DEFAULTS);
            for (int i = 0; i < 3; i++) {
                String answer = RelationalQueryEngineTest.answer(engine, hurried);
                assertTrue(answer.startsWith("504 QUERY_TIMEOUT") || answer.startsWith("{"), answer);
            }
            sameAnswer(store, sql, count);
        }
    }

    @Test
    void filtersOfFiveToEightValuesShareOnePlanAndAnswerRight() throws IOException {
        MemoryStore store = new MemoryStore(StoreQueryEngineTest.ALL, 100, 0);
        List<String> hosts = new ArrayList<>();
        for (int h = 0; h < 9; h++) {
            store.add("cpu", Tags.of("host", "h" + h), T, "value", h);
            hosts.add("\"h" + h + "\"");
        }
        List<String> keys = new ArrayList<>();
        try (SqlEngine sql = new SqlEngine(SqlLimits.DEFAULTS)) {
            for (int n = 1; n <= 9; n++) {
                String q = json("cpu", "value", "\"host\"", "\"host\":[" + String.join(",", hosts.subList(0, n)) + "]");
                keys.add(DashboardRelation.of(StoreQueryEngineTest.parse(q), store).orElseThrow().planKey());
                sameAnswer(store, sql, q);
            }
        }
        assertEquals(5, keys.stream().distinct().count(), "plans for 1, 2, 3-4, 5-8 and 9 values");
        assertEquals(keys.get(4), keys.get(7));
        assertEquals(List.of(0, 1, 2, 4, 4, 8, 8, 8, 8, 16), List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9).stream()
                .map(DashboardRelation::slots).toList());
    }

    @Test
    void longFilterListsRunOnTheStoreEngine() throws IOException {
        MemoryStore store = new MemoryStore(StoreQueryEngineTest.ALL, 100, 0);
        List<String> hosts = new ArrayList<>();
        for (int h = 0; h <= DashboardRelation.MAX_PLANNED_FILTER_VALUES; h++) {
            store.add("cpu", Tags.of("host", "h" + h), T, "value", h);
            hosts.add("\"h" + h + "\"");
        }
        String longest = json("cpu", "value", "\"host\"",
                "\"host\":[" + String.join(",", hosts.subList(1, hosts.size())) + "]");
        String tooLong = json("cpu", "value", "\"host\"", "\"host\":[" + String.join(",", hosts) + "]");
        assertTrue(DashboardRelation.of(StoreQueryEngineTest.parse(longest), store).isPresent());
        assertTrue(DashboardRelation.of(StoreQueryEngineTest.parse(tooLong), store).isEmpty());
        try (SqlEngine sql = new SqlEngine(SqlLimits.DEFAULTS)) {
            sameAnswer(store, sql, tooLong);
        }
    }
}
