package io.cairn.query.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.access.Permission;
import io.cairn.api.access.RequestAccess;
import io.cairn.api.access.RowFilter;
import io.cairn.api.model.Tags;
import io.cairn.api.store.FieldPredicate;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.TagPredicate;
import io.cairn.api.store.TimeSeriesStore;
import io.cairn.api.store.StoreCapability;
import io.cairn.query.internal.sql.SqlEngine;
import io.cairn.query.internal.sql.SqlLimits;
import io.cairn.query.internal.sql.SqlQueryException;
import io.cairn.query.internal.sql.SqlResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TSBS high-cpu, lastpoint and groupby-orderby-limit shapes pushed into a store that filters on values and
 * reads the latest rows per series: the same rows as a store without those capabilities (which gets the old plan),
 * and a plan naming what was pushed.
 */
class ValuePushDownTest {
    static final long T0_MS = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final int ROWS = 180;
    static final Set<StoreCapability> VALUES = EnumSet.of(StoreCapability.TIME_RANGE, StoreCapability.TAG_FILTER,
            StoreCapability.PROJECTION, StoreCapability.AGGREGATION, StoreCapability.FIELD_FILTER,
            StoreCapability.LATEST);
    static final String DB = "default";
    static final String HIGH_CPU = "SELECT * FROM cpu WHERE hostname IN (?) AND usage_user > 90 AND time >= ? AND time < ?";
    static final String LASTPOINT = "SELECT hostname, max(time) AS last_time, last(usage_user, time) AS usage_user,"
            + " last(usage_system, time) AS usage_system FROM cpu GROUP BY hostname ORDER BY hostname";
    static final String ORDER_LIMIT = "SELECT time_bucket('1 minute', time) AS bucket, max(usage_user) AS m FROM cpu"
            + " WHERE time < ? GROUP BY bucket ORDER BY bucket DESC LIMIT 5";

    static MemoryStore values;
    static MemoryStore plain;
    static SqlEngine engine;

    @BeforeAll
    static void open() {
        values = new MemoryStore(VALUES, 7, 0);
        plain = new MemoryStore(StoreQueryEngineTest.NO_AGGREGATION, 7, 0);
        for (MemoryStore store : List.of(values, plain)) {
            write(store);
        }
        engine = new SqlEngine(SqlLimits.DEFAULTS);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    /** Hosts h0 to h3 every 10 s for 30 minutes; h3 has one more row, at 30:00, with usage_user only. */
    static void write(MemoryStore store) {
        for (int h = 0; h < 4; h++) {
            Tags tags = Tags.of("hostname", "h" + h, "region", h < 2 ? "eu" : "us");
            for (int i = 0; i < ROWS; i++) {
                long t = (T0_MS + i * 10_000L) * 1_000_000L;
                store.add("cpu", tags, t, "usage_user", (double) ((h * 37 + i * 13) % 100));
                store.add("cpu", tags, t, "usage_system", (double) ((i * 7 + h) % 50));
                store.add("cpu", tags, t, "requests", i * 10L + h);
            }
            if (h == 3) {
                store.add("cpu", tags, (T0_MS + ROWS * 10_000L) * 1_000_000L, "usage_user", 12.5);
            }
        }
    }

    static List<String> rows(TimeSeriesStore store, String sql, Object... params) {
        SqlResult result = engine.query(store, DB, sql, Arrays.asList(params));
        List<String> out = new ArrayList<>();
        result.rows().forEach(row -> out.add(Arrays.toString(row)));
        return out;
    }

    static List<String> sorted(List<String> rows) {
        List<String> copy = new ArrayList<>(rows);
        copy.sort(null);
        return copy;
    }

    static String plan(TimeSeriesStore store, String sql, Object... params) {
        return engine.explain(store, DB, sql, Arrays.asList(params));
    }

    @Test
    void highCpuFiltersOnTheValueInTheStore() {
        Object[] params = {"h1", "2024-01-01T00:00:00Z", "2024-01-01T00:20:00Z"};
        List<String> pushed = rows(values, HIGH_CPU, params);
        assertEquals(sorted(rows(plain, HIGH_CPU, params)), sorted(pushed));
        assertEquals(10, pushed.size());
        String plan = plan(values, HIGH_CPU, params);
        assertTrue(plan.contains("hostname = ?0, usage_user > 90.0]"), plan);
        assertFalse(plan.contains("Calc") || plan.contains("Filter"), plan);
        String old = plan(plain, HIGH_CPU, params);
        assertFalse(old.contains("usage_user > 90.0]"), old);
        assertTrue(old.contains("Calc") || old.contains("Filter"), old);
    }

    @Test
    void castsNaNAndBigintComparisonsAnswerAsWithoutThePushDown() {
        List<List<Object>> cases = List.of(
                List.of("SELECT count(*) FROM cpu WHERE usage_user > CAST(? AS INTEGER)", 50.5),
                List.of("SELECT count(*) FROM cpu WHERE usage_user <> ?", Double.NaN),
                List.of("SELECT count(*) FROM cpu WHERE usage_user = ?", Double.NaN),
                List.of("SELECT count(*) FROM cpu WHERE requests > 100.5"),
                List.of("SELECT count(*) FROM cpu WHERE requests >= CAST(? AS DOUBLE)", 1500.5));
        for (List<Object> c : cases) {
            String sql = (String) c.get(0);
            Object[] params = c.subList(1, c.size()).toArray();
            assertEquals(rows(plain, sql, params), rows(values, sql, params), sql);
        }
        String plan = plan(values, "SELECT count(*) FROM cpu WHERE requests > 100.5");
        assertTrue(plan.contains("requests > 100.5"), plan);
    }

    @Test
    void aParameterComparedWithAValueIsBoundAgainThroughTheCachedPlan() {
        String sql = "SELECT count(*) AS n FROM cpu WHERE usage_user >= ? AND ? > usage_system";
        List<Object[]> bindings = List.of(new Object[] {90, 10}, new Object[] {50.5, 40}, new Object[] {99, 0});
        List<List<String>> pushed = new ArrayList<>();
        long before = engine.reusedPlans();
        for (Object[] params : bindings) {
            pushed.add(rows(values, sql, params));
        }
        assertEquals(2, engine.reusedPlans() - before);
        for (int i = 0; i < bindings.size(); i++) {
            assertEquals(rows(plain, sql, bindings.get(i)), pushed.get(i));
        }
        assertEquals("[[0]]", rows(values, sql, 99, 0).toString());
        String plan = plan(values, sql, 90, 10);
        assertTrue(plan.contains("usage_user >= ?0, usage_system < ?1]"), plan);
    }

    @Test
    void aPushedAggregationCountsOnlyTheRowsMeetingTheValueFilter() {
        String sql = "SELECT hostname, max(usage_system) AS m, count(usage_system) AS n FROM cpu"
                + " WHERE 50 < usage_user AND region = 'eu' GROUP BY hostname ORDER BY hostname";
        List<String> pushed = rows(values, sql);
        assertEquals(rows(plain, sql), pushed);
        assertEquals(2, pushed.size());
        String plan = plan(values, sql);
        assertTrue(plan.contains("filter=[[region = 'eu', usage_user > 50.0]]"), plan);
        assertTrue(plan.contains("aggregation=[[group=[hostname], calls=[max(usage_system), count(usage_system)]]]"),
                plan);
    }

    @Test
    void aParameterThatIsNoNumberIsABadRequestAndANullOneMatchesNothing() {
        String sql = "SELECT count(*) AS n FROM cpu WHERE usage_user > ?";
        SqlQueryException e = assertThrows(SqlQueryException.class, () -> rows(values, sql, "ninety"));
        assertEquals(400, e.status());
        assertEquals(rows(plain, sql, 95), rows(values, sql, "95"));
        assertEquals("[[0]]", rows(values, sql, (Object) null).toString());
    }

    @Test
    void comparisonsTheStoreCannotMakeExactlyStayInCalcite() {
        String big = "SELECT count(*) AS n FROM cpu WHERE requests < 9007199254740993";
        assertFalse(plan(values, big).contains("requests <"), plan(values, big));
        assertEquals(rows(plain, big), rows(values, big));
        String small = "SELECT count(*) AS n FROM cpu WHERE requests < 500";
        assertTrue(plan(values, small).contains("requests < 500.0"), plan(values, small));
        assertEquals(rows(plain, small), rows(values, small));
        String param = "SELECT count(*) AS n FROM cpu WHERE requests < ?";
        assertFalse(plan(values, param, 500).contains("requests <"), plan(values, param, 500));
        assertEquals(rows(plain, param, 500), rows(values, param, 500));
    }

    @Test
    void lastpointReadsOnlyTheLatestRowPerSeries() {
        List<String> pushed = rows(values, LASTPOINT);
        assertEquals(rows(plain, LASTPOINT), pushed);
        assertEquals("[h3, 2024-01-01T00:30:00Z, 12.5, " + (double) ((179 * 7 + 3) % 50) + "]", pushed.get(3));
        String plan = plan(values, LASTPOINT);
        assertTrue(plan.contains("latest=[1]"), plan);
        assertFalse(plan(plain, LASTPOINT).contains("latest="), plan(plain, LASTPOINT));
        String notLatest = "SELECT hostname, min(time) AS t FROM cpu GROUP BY hostname";
        assertFalse(plan(values, notLatest).contains("latest="), plan(values, notLatest));
    }

    @Test
    void aSlowLastpointGroupedInTheScanTimesOutAndClosesItsScan() {
        MemoryStore slow = new MemoryStore(StoreQueryEngineTest.ALL, 1, 30);
        for (int h = 0; h < 100; h++) {
            slow.add("cpu", Tags.of("hostname", "h" + h), T0_MS * 1_000_000L, "usage_user", (double) h);
        }
        String sql = "SELECT hostname, max(time) AS t, last(usage_user, time) AS u FROM cpu GROUP BY hostname";
        try (SqlEngine quick = new SqlEngine(new SqlLimits(1_000, 100))) {
            assertTrue(quick.explain(slow, "default", sql, List.of()).contains("groups="));
            int opened = slow.opened.get();
            SqlQueryException e = assertThrows(SqlQueryException.class,
                    () -> quick.query(slow, "default", sql, List.of()));
            assertEquals(504, e.status());
            assertEquals(opened + 1, slow.opened.get(), "the scan started");
            assertEquals(slow.opened.get(), slow.closed.get(), "every cursor closed");
        }
    }

    @Test
    void bucketsOrderedByTimeWithALimitAreAggregatedOverAWindowAtThatEnd() {
        Set<StoreCapability> aggregating = EnumSet.of(StoreCapability.TIME_RANGE, StoreCapability.TAG_FILTER,
                StoreCapability.PROJECTION, StoreCapability.AGGREGATION);
        MemoryStore windowed = new MemoryStore(aggregating, 7, 0);
        write(windowed);
        for (String end : List.of("2024-01-01T00:20:30Z", "2024-01-02T00:00:00Z")) {
            List<String> pushed = rows(windowed, ORDER_LIMIT, end);
            assertEquals(rows(plain, ORDER_LIMIT, end), pushed);
            assertEquals(5, pushed.size());
        }
        List<String> lastFive = rows(windowed, ORDER_LIMIT, "2024-01-01T00:20:30Z");
        assertTrue(lastFive.get(0).startsWith("[2024-01-01T00:20:00Z, ")
                && lastFive.get(4).startsWith("[2024-01-01T00:16:00Z, "), lastFive.toString());
        assertTrue(windowed.aggregateScans.get() > 2);
        String plan = plan(windowed, ORDER_LIMIT, "2024-01-01T00:20:30Z");
        assertTrue(plan.contains("limit=[5], order=[time_bucket DESC]"), plan);
        assertFalse(plan.contains("Sort"), plan);
        assertFalse(plan(plain, ORDER_LIMIT, "2024-01-01T00:20:30Z").contains("order="));
    }

    @Test
    void bucketsAndTagsOrderedAscendingFromTheStartOfTheRange() {
        String sql = "SELECT time_bucket('5 minutes', time) AS bucket, hostname, avg(usage_user) AS a FROM cpu"
                + " WHERE time >= ? GROUP BY bucket, hostname ORDER BY bucket LIMIT 8";
        List<String> pushed = rows(values, sql, "2024-01-01T00:12:00Z");
        assertEquals(sorted(rows(plain, sql, "2024-01-01T00:12:00Z")), sorted(pushed));
        assertEquals(8, pushed.size());
        assertTrue(pushed.get(0).startsWith("[2024-01-01T00:10:00Z"), pushed.toString());
        assertTrue(plan(values, sql, "2024-01-01T00:12:00Z").contains("order=[time_bucket ASC]"));
        String wholeRange = "SELECT time_bucket('5 minutes', time) AS bucket, max(usage_user) AS m FROM cpu"
                + " WHERE time >= ? GROUP BY bucket ORDER BY bucket LIMIT 100";
        assertEquals(rows(plain, wholeRange, "2024-01-01T00:00:00Z"), rows(values, wholeRange, "2024-01-01T00:00:00Z"));
    }

    @Test
    void decimalLiteralsGiveTheRowsCalciteGives() {
        for (String literal : List.of("90.5", "90.3", "9.03E1", "-1", "0.1")) {
            String sql = "SELECT hostname, count(*) AS n FROM cpu WHERE usage_user > " + literal
                    + " GROUP BY hostname ORDER BY hostname";
            assertEquals(rows(plain, sql), rows(values, sql), plan(values, sql));
        }
        assertTrue(plan(values, "SELECT * FROM cpu WHERE usage_user <> 90.5").contains("usage_user <> 90.5]"));
    }

    /** A reader of cpu under a row filter. */
    record Reader(RowFilter rows) implements RequestAccess {
        @Override
        public boolean permits(Permission permission, String database, String measurement) {
            return permission == Permission.READ && DB.equals(database);
        }

        @Override
        public RowFilter rowFilter(String database, String measurement) {
            return rows;
        }
    }

    @Test
    void aRowFilteredViewKeepsValueFiltersAndLatestRowsExact() {
        RowFilter euOrH3 = new RowFilter(List.of(List.of(new TagPredicate("region", Set.of("eu"))),
                List.of(new TagPredicate("hostname", Set.of("h3")))));
        RowFilter us = RowFilter.of(List.of(new TagPredicate("region", Set.of("us"))));
        String highCpu = "SELECT * FROM cpu WHERE usage_user > 90 AND time >= ? AND time < ? ORDER BY time DESC LIMIT 7";
        String aggregated = "SELECT hostname, max(usage_system) AS m FROM cpu WHERE usage_user > 50"
                + " GROUP BY hostname ORDER BY hostname";
        for (RowFilter filter : List.of(euOrH3, us)) {
            TimeSeriesStore view = RowSecureStoreView.of(values, new Reader(filter));
            TimeSeriesStore reference = RowSecureStoreView.of(plain, new Reader(filter));
            assertTrue(view.capabilities().containsAll(Set.of(StoreCapability.FIELD_FILTER, StoreCapability.LATEST)));
            assertEquals(filter == us, view.capabilities().contains(StoreCapability.AGGREGATION));
            List<String> last = rows(view, LASTPOINT);
            assertEquals(rows(reference, LASTPOINT), last);
            assertEquals(filter == us ? 2 : 3, last.size());
            assertTrue(plan(view, LASTPOINT).contains("latest=[1]"), plan(view, LASTPOINT));
            Object[] range = {"2024-01-01T00:00:00Z", "2024-01-01T00:25:00Z"};
            List<String> high = rows(view, highCpu, range);
            assertEquals(rows(reference, highCpu, range), high);
            assertEquals(7, high.size());
            assertTrue(plan(view, highCpu, range).contains("usage_user > 90.0]"), plan(view, highCpu, range));
            assertEquals(rows(reference, aggregated), rows(view, aggregated));
        }
    }

    @Test
    void aTenantsViewPassesValueFiltersAndLatestRowsOn() {
        AtomicReference<ScanRequest> seen = new AtomicReference<>();
        TimeSeriesStore recording = (TimeSeriesStore) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {TimeSeriesStore.class}, (proxy, method, arguments) -> {
                    seen.set((ScanRequest) arguments[0]);
                    return ScanCursor.of(List.of());
                });
        List<FieldPredicate> hot = List.of(new FieldPredicate("usage_user", FieldPredicate.Comparison.GT, 90));
        ScanRequest request = new ScanRequest(DB, "cpu", 0, 10, List.of(), List.of("usage_user"), null, 0, hot, 2);
        TenantStoreView.of(recording, "acme").scan(request).close();
        assertEquals(new ScanRequest("acme__" + DB, "cpu", 0, 10, List.of(), List.of("usage_user"), null, 0, hot, 2),
                seen.get());
    }
}
