package io.cairn.query.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.TimeSeriesStore;
import io.cairn.store.lmdb.internal.LmdbStores;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prepared statements reused over the real LMDB store: the same answers, and never a stale plan. */
class PlanCacheTest {
    private static final String DAY = "2024-01-01T00:00:00Z";
    private static final String NEXT_DAY = "2024-01-02T00:00:00Z";
    private static final List<List<Object>> STATEMENTS = List.of(
            List.of("SELECT time, host, usage FROM cpu WHERE host = ? AND time >= ? AND time < ?", "b", DAY, NEXT_DAY),
            List.of("SELECT time_bucket('1 hour', time) AS b, host, avg(usage), count(usage) FROM cpu"
                    + " WHERE host IN (?, ?) AND time >= ? AND time < ? GROUP BY b, host ORDER BY b, host",
                    "a", "c", DAY, NEXT_DAY),
            List.of("SELECT time, usage FROM cpu WHERE host = ? ORDER BY time DESC LIMIT 3", "a"),
            List.of("SELECT host, last(usage, time), first(requests, time), approx_percentile(usage, 0.5)"
                    + " FROM cpu GROUP BY host ORDER BY host"),
            List.of("SELECT count(*) FROM cpu WHERE up AND state = ?", "ok"),
            List.of("SELECT m.value, c.usage FROM mem m JOIN cpu c ON m.host = c.host AND m.time = c.time"));

    @TempDir
    static Path dir;
    static TimeSeriesStore store;

    @BeforeAll
    static void open() {
        store = LmdbStores.open(dir.resolve("shared"));
        CpuData.write(store);
    }

    @AfterAll
    static void close() {
        LmdbStores.close(store);
    }

    private static List<String> answer(SqlEngine engine, TimeSeriesStore over, String sql, Object... params) {
        SqlResult r = engine.query(over, CpuData.DB, sql, Arrays.asList(params));
        List<String> rows = new ArrayList<>(List.of(r.columns() + " " + r.types()));
        r.rows().forEach(row -> rows.add(Arrays.toString(row)));
        return rows;
    }

    private static List<String> answer(SqlEngine engine, List<Object> statement) {
        return answer(engine, store, (String) statement.get(0), statement.subList(1, statement.size()).toArray());
    }

    @Test
    void cachedStatementsAnswerAsFreshlyPreparedOnes() {
        try (SqlEngine fresh = new SqlEngine(SqlLimits.DEFAULTS, 0);
                SqlEngine cached = new SqlEngine(SqlLimits.DEFAULTS)) {
            for (int round = 0; round < 2; round++) {
                for (List<Object> statement : STATEMENTS) {
                    List<String> expected = answer(fresh, statement);
                    assertTrue(expected.size() > 1, statement + " answers rows");
                    assertEquals(expected, answer(cached, statement), statement.toString());
                }
            }
            assertEquals(0, fresh.reusedPlans());
            assertEquals(STATEMENTS.size(), cached.reusedPlans());
            assertEquals(STATEMENTS.size(), cached.plans().size());
        }
    }

    @Test
    void aCachedStatementTakesNewParameters() {
        try (SqlEngine engine = new SqlEngine(SqlLimits.DEFAULTS)) {
            String sql = "SELECT max(usage) FROM cpu WHERE host = ?";
            assertEquals("[50.0]", answer(engine, store, sql, "a").get(1));
            assertEquals("[150.0]", answer(engine, store, sql, "b").get(1));
            assertEquals("[null]", answer(engine, store, sql, "nobody").get(1));
            assertEquals(2, engine.reusedPlans());
            SqlQueryException wrongCount = assertThrows(SqlQueryException.class,
                    () -> answer(engine, store, sql, "a", "b"));
            assertEquals(400, wrongCount.status());
            assertEquals("[250.0]", answer(engine, store, sql, "c").get(1));
        }
    }

    @Test
    void concurrentExecutionsOfOneTextEachHaveTheirOwnStatement() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (SqlEngine engine = new SqlEngine(SqlLimits.DEFAULTS)) {
            String sql = "SELECT host, max(usage) FROM cpu WHERE host = ? GROUP BY host";
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String host = CpuData.HOSTS[i % 3];
                answers.add(pool.submit(() -> answer(engine, store, sql, host).get(1)));
            }
            for (int i = 0; i < answers.size(); i++) {
                int h = i % 3;
                assertEquals("[" + CpuData.HOSTS[h] + ", " + CpuData.usage(h, 5) + "]", answers.get(i).get());
            }
            assertTrue(engine.reusedPlans() > 0);
            assertTrue(engine.plans().size() <= PlanCache.PER_KEY);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aNewFieldOrMeasurementIsSeenByTheNextStatement(@TempDir Path own) {
        TimeSeriesStore changing = LmdbStores.open(own);
        try (SqlEngine engine = new SqlEngine(SqlLimits.DEFAULTS)) {
            CpuData.write(changing);
            String sql = "SELECT * FROM cpu WHERE host = ? AND time < ?";
            assertEquals("[time, dc, host, requests, state, up, usage] [TIMESTAMP, VARCHAR, VARCHAR, BIGINT, VARCHAR,"
                    + " BOOLEAN, DOUBLE]", answer(engine, changing, sql, "a", "2024-01-01T00:00:01Z").get(0));
            WriteBatch.Builder b = WriteBatch.builder(CpuData.DB, "cpu");
            b.setDouble(b.addRow(Tags.of("host", "a", "rack", "r1"), CpuData.T0_MILLIS * 1_000_000L), "temp", 41.5);
            changing.write(b.build());
            List<String> after = answer(engine, changing, sql, "a", "2024-01-01T00:00:01Z");
            assertTrue(after.get(0).startsWith("[time, dc, host, rack, requests, state, temp, up, usage]"), after.get(0));
            assertTrue(after.contains("[2024-01-01T00:00:00Z, null, a, r1, null, null, 41.5, null, null]"),
                    after.toString());
            assertEquals(0, engine.reusedPlans());

            assertANewMeasurementIsSeenAtOnce(engine, changing);
            assertEquals("[1]", answer(engine, changing, "SELECT count(avail) FROM disk").get(1));
            assertEquals(1, engine.reusedPlans());
        } finally {
            LmdbStores.close(changing);
        }
    }

    /** Asserts that a measurement unknown to a statement is found by the same statement once it was written. */
    private static void assertANewMeasurementIsSeenAtOnce(SqlEngine engine, TimeSeriesStore store) {
        String disk = "SELECT count(avail) FROM disk";
        assertEquals(400, assertThrows(SqlQueryException.class, () -> answer(engine, store, disk)).status());
        WriteBatch.Builder d = WriteBatch.builder(CpuData.DB, "disk");
        d.setDouble(d.addRow(Tags.of("host", "a"), CpuData.T0_MILLIS * 1_000_000L), "avail", 3);
        store.write(d.build());
        assertEquals("[1]", answer(engine, store, disk).get(1));
    }

    @Test
    void aReusedPlanReadsTheCatalogAgainOnlyOnceItChanged(@TempDir Path own) {
        TimeSeriesStore lmdb = LmdbStores.open(own);
        CountingStore counting = new CountingStore(lmdb, 0);
        counting.passCatalogVersion = true;
        try (SqlEngine engine = new SqlEngine(SqlLimits.DEFAULTS)) {
            CpuData.write(counting);
            String sql = "SELECT * FROM cpu WHERE host = ? AND time < ?";
            String header = answer(engine, counting, sql, "a", "2024-01-01T00:00:01Z").get(0);
            int reads = counting.catalogReads.get();
            for (String host : CpuData.HOSTS) {
                assertEquals(header, answer(engine, counting, sql, host, "2024-01-01T00:00:01Z").get(0));
            }
            assertEquals(reads, counting.catalogReads.get());
            assertEquals(CpuData.HOSTS.length, engine.reusedPlans());

            WriteBatch.Builder b = WriteBatch.builder(CpuData.DB, "cpu");
            b.setDouble(b.addRow(Tags.of("host", "a"), CpuData.T0_MILLIS * 1_000_000L), "temp", 41.5);
            counting.write(b.build());
            List<String> after = answer(engine, counting, sql, "a", "2024-01-01T00:00:01Z");
            assertTrue(after.get(0).startsWith("[time, dc, host, requests, state, temp, up, usage]"), after.get(0));
            assertTrue(after.toString().contains("41.5"), after.toString());
            assertEquals(CpuData.HOSTS.length, engine.reusedPlans());

            assertANewMeasurementIsSeenAtOnce(engine, counting);
        } finally {
            LmdbStores.close(lmdb);
        }
    }

    @Test
    void anotherStoreNeverRunsThePlansOfTheFirst(@TempDir Path other) {
        TimeSeriesStore second = LmdbStores.open(other);
        try (SqlEngine engine = new SqlEngine(SqlLimits.DEFAULTS)) {
            WriteBatch.Builder b = WriteBatch.builder(CpuData.DB, "cpu");
            int row = b.addRow(Tags.of("host", "z", "dc", "y"), CpuData.T0_MILLIS * 1_000_000L);
            b.setDouble(row, "usage", 9);
            b.setLong(row, "requests", 1);
            b.setBoolean(row, "up", true);
            b.setString(row, "state", "ok");
            second.write(b.build());
            String sql = "SELECT host, count(usage) FROM cpu GROUP BY host ORDER BY host";
            assertEquals(List.of("[a, 1008]", "[b, 1008]", "[c, 1008]"), answer(engine, store, sql).subList(1, 4));
            assertEquals(List.of("[z, 1]"), answer(engine, second, sql).subList(1, 2));
            assertEquals(0, engine.reusedPlans());
            assertEquals(1, engine.plans().size());
        } finally {
            LmdbStores.close(second);
        }
    }

    @Test
    void aStatementCallingNowIsPlannedEveryTime() {
        try (SqlEngine engine = new SqlEngine(SqlLimits.DEFAULTS)) {
            String sql = "SELECT count(usage) FROM cpu WHERE time < now() - INTERVAL '1' DAY";
            assertEquals("[3024]", answer(engine, store, sql).get(1));
            assertEquals("[3024]", answer(engine, store, sql).get(1));
            assertEquals(0, engine.reusedPlans());
            assertEquals(0, engine.plans().size());
        }
    }

    @Test
    void theCacheKeepsAtMostItsSizeLeastRecentlyUsedOut() {
        try (SqlEngine engine = new SqlEngine(SqlLimits.DEFAULTS, 2)) {
            answer(engine, store, "SELECT count(usage) FROM cpu");
            answer(engine, store, "SELECT count(requests) FROM cpu");
            answer(engine, store, "SELECT count(usage) FROM cpu");
            answer(engine, store, "SELECT count(state) FROM cpu");
            assertEquals(2, engine.plans().size());
            answer(engine, store, "SELECT count(usage) FROM cpu");
            answer(engine, store, "SELECT count(requests) FROM cpu");
            assertEquals(2, engine.reusedPlans());
        }
    }

    @Test
    void theDeadlineCoversPlanning() {
        CountingStore slow = new CountingStore(store, 400);
        try (SqlEngine engine = new SqlEngine(new SqlLimits(100, 100))) {
            SqlQueryException e = assertThrows(SqlQueryException.class,
                    () -> engine.query(slow, CpuData.DB, "SELECT max(usage) FROM cpu", List.of()));
            assertEquals(504, e.status());
            assertEquals("QUERY_TIMEOUT", e.code());
            assertEquals(0, slow.scans.get());
        }
    }

    @Test
    void aPlanTheDeadlineCutShortIsNeverKept() {
        CountingStore slow = new CountingStore(store, 0);
        slow.capabilitiesMillis = 300;
        try (SqlEngine engine = new SqlEngine(new SqlLimits(100, 100))) {
            SqlQueryException e = assertThrows(SqlQueryException.class,
                    () -> engine.query(slow, CpuData.DB, "SELECT max(usage) FROM cpu", List.of()));
            assertEquals(504, e.status());
            assertEquals(0, engine.plans().size(), "a plan the deadline cut short is never kept");
            slow.capabilitiesMillis = 0;
            assertFalse(answer(engine, slow, "SELECT max(usage) FROM cpu").isEmpty());
        }
    }

    @Test
    void aPlannerWhoseFlagIsSetStops() {
        SQLException e = assertThrows(SQLException.class,
                () -> PreparedPlan.prepare(store, CpuData.DB, "SELECT max(usage) FROM cpu", new AtomicBoolean(true)));
        assertTrue(String.valueOf(e.getMessage()).contains("aborted") || e.getCause() != null, e.toString());
    }

    @Test
    void aCancelledScanClosesItsCursorAndTheStatementIsNotKept() {
        CountingStore counting = new CountingStore(store, 0);
        try (SqlEngine engine = new SqlEngine(new SqlLimits(300, 100))) {
            String sql = "SELECT count(*) FROM cpu a, cpu b, cpu c WHERE a.usage + b.usage > c.usage";
            assertEquals(504, assertThrows(SqlQueryException.class,
                    () -> engine.query(counting, CpuData.DB, sql, List.of())).status());
            assertTrue(counting.scans.get() > 0);
            assertEquals(0, counting.openCursors.get());
            assertEquals(0, engine.plans().size());
            assertFalse(answer(engine, counting, "SELECT count(usage) FROM cpu").isEmpty());
            assertEquals(0, counting.openCursors.get());
        }
    }
}
