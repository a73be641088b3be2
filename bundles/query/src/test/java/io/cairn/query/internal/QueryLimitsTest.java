package io.cairn.query.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.Tags;
import io.cairn.api.store.StoreCapability;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Result-point truncation, the group limit, the timeout, and queries the store cannot answer. */
class QueryLimitsTest {
    static final QueryLimits SMALL = new QueryLimits(10_000, 30_000, 20, 3, QueryLimits.DEFAULTS.maxRangeNanos());

    static DashboardQuery parse(String json) {
        return StoreQueryEngineTest.parse(json.replace('\'', '"'));
    }

    static String window() {
        return "'timeRange':{'start':" + StoreQueryEngineTest.START_MS + ",'end':" + StoreQueryEngineTest.END_MS + "}";
    }

    static Set<Set<StoreCapability>> capabilitySets() {
        return Set.of(StoreQueryEngineTest.ALL, StoreQueryEngineTest.NOTHING);
    }

    @ParameterizedTest
    @MethodSource("capabilitySets")
    void bucketedResultsAreCutAtTheMaximumPoints(Set<StoreCapability> caps) {
        MemoryStore store = StoreQueryEngineTest.randomStore(caps, 3);
        DashboardQuery q = parse("{'queryType':'aggregate','metricName':'cpu','aggregation':'max','interval':'1m',"
                + "'groupBy':['region']," + window() + "}");
        QueryResult.GroupSeriesList cut = (QueryResult.GroupSeriesList) new StoreQueryEngine(store,
                new QueryLimits(10_000, 30_000, 20, 1_000, SMALL.maxRangeNanos())).execute(q, Deadline.after(10_000));
        assertEquals(20, cut.groups().stream().mapToInt(g -> g.timesNanos().length).sum());
        assertEquals("results truncated to 20 points", cut.truncationMessage());
        QueryResult.GroupSeriesList whole = (QueryResult.GroupSeriesList) new StoreQueryEngine(store, QueryLimits.DEFAULTS)
                .execute(q, Deadline.after(10_000));
        assertTrue(whole.groups().stream().mapToInt(g -> g.timesNanos().length).sum() > 20);
        assertNull(whole.truncationMessage());
    }

    @Test
    void theQueryLimitCutsGroupValues() {
        MemoryStore store = StoreQueryEngineTest.randomStore(StoreQueryEngineTest.ALL, 3);
        DashboardQuery q = parse("{'queryType':'aggregate','metricName':'cpu','aggregation':'count','groupBy':['host'],"
                + "'limit':2," + window() + "}");
        QueryResult.GroupValues r = (QueryResult.GroupValues) new StoreQueryEngine(store, QueryLimits.DEFAULTS)
                .execute(q, Deadline.after(10_000));
        assertEquals(2, r.groups().size());
        assertEquals(Tags.of("host", "h0"), r.groups().get(0).groupKey());
        assertNotNull(r.truncationMessage());
    }

    @ParameterizedTest
    @MethodSource("capabilitySets")
    void tooManyGroupsFails(Set<StoreCapability> caps) {
        MemoryStore store = StoreQueryEngineTest.randomStore(caps, 3);
        DashboardQuery q = parse("{'queryType':'aggregate','metricName':'cpu','aggregation':'sum','groupBy':['host'],"
                + window() + "}");
        QueryException e = assertThrows(QueryException.class,
                () -> new StoreQueryEngine(store, SMALL).execute(q, Deadline.after(10_000)));
        assertEquals("TOO_MANY_GROUPS", e.code());
        assertEquals(400, e.status());
        assertEquals("groupBy", e.details().get("field"));
        assertEquals(store.opened.get(), store.closed.get());
    }

    @Test
    void aSlowScanTimesOutAndItsCursorIsClosed() {
        MemoryStore fast = StoreQueryEngineTest.randomStore(StoreQueryEngineTest.NO_AGGREGATION, 5);
        MemoryStore slow = new MemoryStore(StoreQueryEngineTest.NO_AGGREGATION, 1, 20);
        slow.points.addAll(fast.points);
        DashboardQuery q = parse("{'queryType':'aggregate','metricName':'cpu','aggregation':'p99','timeout':'100ms',"
                + window() + "}");
        QueryException e = assertThrows(QueryException.class,
                () -> new StoreQueryEngine(slow, QueryLimits.DEFAULTS).execute(q, Deadline.after(q.timeoutMillis())));
        assertEquals("QUERY_TIMEOUT", e.code());
        assertEquals(504, e.status());
        assertEquals(1, slow.opened.get());
        assertEquals(1, slow.closed.get());
    }

    @Test
    void anUnknownMetricOrFieldGivesEmptyResults() {
        MemoryStore store = StoreQueryEngineTest.randomStore(StoreQueryEngineTest.ALL, 3);
        StoreQueryEngine engine = new StoreQueryEngine(store, QueryLimits.DEFAULTS);
        QueryResult r1 = engine.execute(parse("{'queryType':'rate','metricName':'nope'," + window() + "}"), Deadline.after(1000));
        assertEquals(0, ((QueryResult.GroupSeriesList) r1).groups().size());
        QueryResult r2 = engine.execute(parse("{'queryType':'range','metricName':'cpu','field':'nope'," + window() + "}"),
                Deadline.after(1000));
        assertEquals(0, ((QueryResult.RangeRows) r2).rows().size());
    }

    @Test
    void aStringFieldCanBeReadButNotAggregated() {
        MemoryStore store = StoreQueryEngineTest.randomStore(StoreQueryEngineTest.ALL, 3);
        StoreQueryEngine engine = new StoreQueryEngine(store, QueryLimits.DEFAULTS);
        QueryResult.RangeRows rows = (QueryResult.RangeRows) engine.execute(
                parse("{'queryType':'range','metricName':'cpu','field':'state'," + window() + "}"), Deadline.after(1000));
        assertEquals(1, rows.rows().size());
        assertEquals("on", rows.rows().get(0).value());
        QueryException e = assertThrows(QueryException.class, () -> engine.execute(
                parse("{'queryType':'aggregate','aggregation':'avg','metricName':'cpu','field':'state'," + window() + "}"),
                Deadline.after(1000)));
        assertEquals("field", e.details().get("field"));
    }
}
