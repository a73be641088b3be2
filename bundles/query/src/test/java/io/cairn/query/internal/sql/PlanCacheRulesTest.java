package io.cairn.query.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.store.TimeSeriesStore;
import io.cairn.store.lmdb.internal.LmdbStores;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which statements the plan cache refuses to keep, over the real LMDB store: one whose statement the timeout
 * cancelled, one that folded now() into its plan however the call is written, one whose text is very long, and
 * one finishing after its engine closed.
 */
class PlanCacheRulesTest {
    @TempDir
    static Path dir;
    static TimeSeriesStore store;

    @BeforeAll
    static void open() {
        store = LmdbStores.open(dir.resolve("rules"));
        CpuData.write(store);
    }

    @AfterAll
    static void close() {
        LmdbStores.close(store);
    }

    private static String firstRow(SqlEngine engine, TimeSeriesStore over, String sql) {
        return Arrays.toString(engine.query(over, CpuData.DB, sql, List.of()).rows().get(0));
    }

    @Test
    void aStatementCancelledAfterItsRowsWereReadIsNotRunAgain() {
        CountingStore slowToClose = new CountingStore(store, 0);
        String sql = "SELECT usage FROM cpu";
        try (SqlEngine engine = new SqlEngine(new SqlLimits(2_000, 100))) {
            slowToClose.closeMillis = 2_500;
            try {
                engine.query(slowToClose, CpuData.DB, sql, List.of());
            } catch (SqlQueryException e) {
                assertEquals(504, e.status(), e.getMessage());
            }
            slowToClose.closeMillis = 0;
            for (int round = 0; round < 2; round++) {
                SqlResult r = engine.query(slowToClose, CpuData.DB, sql, List.of());
                assertEquals(100, r.rows().size());
                assertTrue(r.truncated());
            }
            assertEquals(0, slowToClose.openCursors.get());
        }
    }

    @Test
    void nowHiddenByACommentOrALineBreakIsStillPlannedEveryTime() {
        try (SqlEngine engine = new SqlEngine(SqlLimits.DEFAULTS)) {
            for (String sql : List.of("SELECT count(usage) FROM cpu WHERE time < now/**/() - INTERVAL '1' DAY",
                    "SELECT count(usage) FROM cpu WHERE time < NOW -- the clock\n () - INTERVAL '1' DAY")) {
                assertEquals("[3024]", firstRow(engine, store, sql));
                assertEquals("[3024]", firstRow(engine, store, sql));
            }
            assertEquals(0, engine.reusedPlans());
            assertEquals(0, engine.plans().size());
            firstRow(engine, store, "SELECT count(usage) FROM cpu WHERE time < TIMESTAMP '2030-01-01 00:00:00'");
            assertEquals(1, engine.plans().size(), "a statement without now() is kept");
        }
    }

    @Test
    void aVeryLongStatementIsNotKept() {
        String sql = "SELECT count(usage) FROM cpu /* " + "x".repeat(SqlEngine.MAX_CACHED_KEY_CHARS) + " */";
        try (SqlEngine engine = new SqlEngine(SqlLimits.DEFAULTS)) {
            assertEquals("[3024]", firstRow(engine, store, sql));
            assertEquals("[3024]", firstRow(engine, store, sql));
            assertEquals(0, engine.reusedPlans());
            assertEquals(0, engine.plans().size());
        }
    }

    @Test
    void aStatementGivenBackAfterTheCacheClosedIsClosed() throws SQLException {
        PlanCache cache = new PlanCache(4);
        PlanCache.Key key = new PlanCache.Key("SELECT count(usage) FROM cpu", CpuData.DB, null, false);
        assertEquals(null, cache.take(key, store, store));
        PreparedPlan plan = PreparedPlan.prepare(store, CpuData.DB, key.sql(), new AtomicBoolean());
        cache.close();
        cache.give(key, store, plan);
        assertEquals(0, cache.size());
        assertTrue(plan.statement().getConnection().isClosed(), "its Calcite connection is closed");
    }
}
