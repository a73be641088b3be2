package io.cairn.query.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SQL over the real LMDB store: the rows, and the plan naming what was pushed into the store. */
class SqlEngineTest extends LmdbCpuSql {
    @Test
    void filtersOnTimeAndTagArePushedIntoTheScan() {
        String sql = "SELECT time, host, usage FROM cpu WHERE host = 'b' AND time >= TIMESTAMP '2024-01-01 00:00:00'"
                + " AND time < TIMESTAMP '2024-01-01 01:00:00'";
        SqlResult r = query(sql);
        assertEquals(List.of("time", "host", "usage"), r.columns());
        assertEquals(List.of("TIMESTAMP", "VARCHAR", "DOUBLE"), r.types());
        assertEquals(6, r.rows().size());
        assertEquals(Instant.parse("2024-01-01T00:10:00Z"), r.rows().get(1)[0]);
        assertEquals("b", r.rows().get(1)[1]);
        assertEquals(110.0, r.rows().get(1)[2]);
        String plan = plan(sql);
        assertTrue(plan.contains("StoreScan"), plan);
        assertTrue(plan.contains("filter=[[time >= 2024-01-01T00:00:00Z, time < 2024-01-01T01:00:00Z, host = 'b']]"), plan);
        assertTrue(plan.contains("projection=[[time, host, usage]]"), plan);
        assertFalse(plan.contains("EnumerableCalc"), plan);
    }

    @Test
    void countStarOfAOneFieldMeasurementIsPushedAndOfSeveralFieldsIsNot() {
        String one = "SELECT host, count(*) AS n FROM mem GROUP BY host";
        assertTrue(plan(one).contains("calls=[count(value)]"), plan(one));
        assertEquals(1L, query(one).rows().get(0)[1]);
        String several = "SELECT host, count(*) AS n FROM cpu GROUP BY host ORDER BY host";
        assertFalse(plan(several).contains("aggregation="), plan(several));
        assertEquals(3, query(several).rows().size());
    }

    @Test
    void theMeanOfIntegersIsADoubleWhetherPushedOrNot() {
        String pushed = "SELECT host, avg(requests) AS m, sum(requests) AS s, count(requests) AS n FROM cpu GROUP BY host ORDER BY host";
        assertTrue(plan(pushed).contains("avg(requests)"), plan(pushed));
        String computed = "SELECT host, avg(requests + 1) AS m, sum(requests + 1) AS s, count(requests) AS n FROM cpu"
                + " GROUP BY host ORDER BY host";
        assertFalse(plan(computed).contains("aggregation="), plan(computed));
        for (String sql : new String[] {pushed, computed}) {
            for (Object[] row : query(sql).rows()) {
                double expected = ((Number) row[2]).doubleValue() / ((Number) row[3]).doubleValue();
                assertEquals(expected, ((Number) row[1]).doubleValue(), 1e-9, sql);
                assertTrue(row[1] instanceof Double, sql);
            }
        }
        assertEquals(17.0 / 3, ((Number) query("SELECT avg(x) FROM (VALUES (5), (6), (6)) AS t(x)").rows().get(0)[0])
                .doubleValue(), 1e-12);
    }

    @Test
    void aUnionOfOneColumnGivesItsValues() {
        SqlResult r = query("SELECT host FROM cpu WHERE host = 'a' UNION ALL SELECT host FROM cpu WHERE host = 'b'");
        assertFalse(r.rows().isEmpty());
        r.rows().forEach(row -> assertTrue(row[0] instanceof String, java.util.Arrays.deepToString(row)));
        SqlResult distinct = query("SELECT host FROM cpu UNION SELECT host FROM cpu ORDER BY host");
        assertEquals(List.of("a", "b", "c"), distinct.rows().stream().map(row -> row[0]).toList());
    }

    @Test
    void betweenOnTimeBecomesTwoInclusiveBounds() {
        String sql = "SELECT count(*) FROM cpu WHERE time BETWEEN TIMESTAMP '2024-01-01 00:00:00'"
                + " AND TIMESTAMP '2024-01-01 00:30:00'";
        assertEquals(12L, query(sql).rows().get(0)[0]);
        assertTrue(plan(sql).contains("filter=[[time >= 2024-01-01T00:00:00Z, time <= 2024-01-01T00:30:00Z]]"), plan(sql));
    }

    @Test
    void sevenDaysByTheHourGiveOneRowPerHourFromTheStoresAggregation() {
        String sql = "SELECT time_bucket('1 hour', time) AS bucket, avg(usage) AS avg_usage, count(usage) AS n FROM cpu"
                + " WHERE host = 'a' GROUP BY time_bucket('1 hour', time) ORDER BY bucket";
        SqlResult r = query(sql);
        assertEquals(168, r.rows().size());
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), r.rows().get(0)[0]);
        assertEquals(Instant.parse("2024-01-07T23:00:00Z"), r.rows().get(167)[0]);
        assertEquals(25.0, r.rows().get(5)[1]);
        assertEquals(6L, r.rows().get(5)[2]);
        String plan = plan(sql);
        assertTrue(plan.contains("aggregation=[[group=[time_bucket(PT1H)], calls=[avg(usage), count(usage)]]]"), plan);
        assertFalse(plan.contains("EnumerableAggregate"), plan);
    }

    @Test
    void groupByTagAndBucketWithEveryPushedFunction() {
        SqlResult r = query("SELECT host, time_bucket(INTERVAL '1' DAY, time) AS d, min(usage), max(usage), sum(requests),"
                + " count(state) FROM cpu GROUP BY host, time_bucket(INTERVAL '1' DAY, time) ORDER BY host, d");
        assertEquals(21, r.rows().size());
        Object[] first = r.rows().get(0);
        assertEquals("a", first[0]);
        assertEquals(0.0, first[2]);
        assertEquals(50.0, first[3]);
        assertEquals(60L * 143 * 144 / 2, first[4]);
        assertEquals(144L, first[5]);
        assertEquals("c", r.rows().get(20)[0]);
    }

    @Test
    void parametersAreBoundNotConcatenated() {
        String sql = "SELECT count(*) FROM cpu WHERE host = ? AND time >= ? AND time < ?";
        SqlResult r = query(sql, "c", "2024-01-02T00:00:00Z", "2024-01-03 00:00:00");
        assertEquals(144L, r.rows().get(0)[0]);
        assertEquals(0L, query(sql, "c' OR '1'='1", "2024-01-02T00:00:00Z", "2024-01-03T00:00:00Z").rows().get(0)[0]);
        String plan = plan(sql, "c", "2024-01-02T00:00:00Z", "2024-01-03T00:00:00Z");
        assertTrue(plan.contains("filter=[[time >= ?1, time < ?2, host = ?0]]"), plan);
    }

    @Test
    void binaryValuesAreWrittenAsHex() {
        assertEquals("00ff10", query("SELECT X'00FF10' AS b, 1 AS n").rows().get(0)[0]);
    }

    @Test
    void limitAndOffsetTakeParameters() {
        String sql = "SELECT time, usage FROM cpu WHERE host = ? ORDER BY time LIMIT ? OFFSET ?";
        SqlResult r = query(sql, "a", 2, 1L);
        assertEquals(2, r.rows().size());
        assertEquals(Instant.parse("2024-01-01T00:10:00Z"), r.rows().get(0)[0]);
        SqlQueryException tooBig = assertThrows(SqlQueryException.class, () -> query(sql, "a", 1L << 40, 0));
        assertEquals(400, tooBig.status());
        assertTrue(tooBig.getMessage().contains("parameter 2 must be an INTEGER"), tooBig.getMessage());
    }

    @Test
    void tagInAndValueComparisonsArePushedAndOtherConditionsStayAbove() {
        String sql = "SELECT host, count(*) AS n FROM cpu WHERE host IN ('a', 'c') AND usage >= 40"
                + " AND usage + requests >= 0 GROUP BY host ORDER BY host";
        SqlResult r = query(sql);
        assertEquals(2, r.rows().size());
        assertEquals("c", r.rows().get(1)[0]);
        assertEquals((long) CpuData.ROWS_PER_HOST, r.rows().get(1)[1]);
        assertEquals((long) CpuData.ROWS_PER_HOST / 3, r.rows().get(0)[1]);
        String plan = plan(sql);
        assertTrue(plan.contains("filter=[[host IN ('a', 'c'), usage >= 40.0]]"), plan);
        assertTrue(plan.contains("$condition=") && plan.contains("+($"), plan);
    }

    @Test
    void aGlobalAggregateOverNoRowsStillAnswersOneRow() {
        String sql = "SELECT count(usage), max(usage) FROM cpu WHERE host = 'nobody'";
        Object[] row = query(sql).rows().get(0);
        assertEquals(0L, row[0]);
        assertNull(row[1]);
        assertTrue(plan(sql).contains("aggregation=[[group=[], calls=[count(usage), max(usage)]]]"), plan(sql));
    }

    @Test
    void limitWithoutOrderIsPushed() {
        String sql = "SELECT * FROM cpu LIMIT 5";
        assertEquals(5, query(sql).rows().size());
        assertTrue(plan(sql).contains("limit=[5]"), plan(sql));
    }

    @Test
    void orderByTimeLimitReadsOnlyTheNewestOrOldestRows() {
        String newest = "SELECT time, host, usage FROM cpu WHERE host IN ('a', 'b') ORDER BY time DESC LIMIT 3";
        List<Object[]> rows = query(newest).rows();
        assertEquals(3, rows.size());
        Instant last = Instant.ofEpochMilli(CpuData.T0_MILLIS + (CpuData.ROWS_PER_HOST - 1) * CpuData.STEP_MILLIS);
        assertEquals(last, rows.get(0)[0]);
        assertEquals(last, rows.get(1)[0]);
        assertEquals(last.minusSeconds(600), rows.get(2)[0]);
        String plan = plan(newest);
        assertTrue(plan.contains("limit=[3], order=[time DESC]"), plan);
        assertFalse(plan.contains("EnumerableLimitSort") || plan.contains("EnumerableSort"), plan);
        String oldest = "SELECT usage, time FROM cpu WHERE time >= TIMESTAMP '2024-01-03 00:00:00' ORDER BY time LIMIT 4";
        rows = query(oldest).rows();
        assertEquals(4, rows.size());
        assertEquals(Instant.parse("2024-01-03T00:00:00Z"), rows.get(0)[1]);
        assertEquals(Instant.parse("2024-01-03T00:10:00Z"), rows.get(3)[1]);
        assertTrue(plan(oldest).contains("order=[time ASC]"), plan(oldest));
        assertEquals(1, query("SELECT * FROM mem ORDER BY time DESC LIMIT 10").rows().size());
    }

    @Test
    void aSeriesWithoutATagHasNull() {
        SqlResult r = query("SELECT dc, count(*) FROM cpu GROUP BY dc ORDER BY dc NULLS FIRST");
        assertNull(r.rows().get(0)[0]);
        assertEquals((long) CpuData.ROWS_PER_HOST, r.rows().get(0)[1]);
        assertEquals(2L * CpuData.ROWS_PER_HOST, r.rows().get(1)[1]);
    }

    @Test
    void catalogStatements() {
        assertEquals(List.of(CpuData.DB), query("SHOW DATABASES").rows().stream().map(r -> r[0]).toList());
        assertEquals(List.of("cpu", "mem"), query("SHOW TABLES").rows().stream().map(r -> r[0]).toList());
        assertEquals(List.of("cpu", "mem"), engine.query(store, "default", "show measurements from metrics", List.of())
                .rows().stream().map(r -> r[0]).toList());
        SqlResult d = engine.query(store, "default", "DESCRIBE metrics.cpu", List.of());
        assertEquals(List.of("time", "dc", "host", "requests", "state", "up", "usage"),
                d.rows().stream().map(r -> r[0]).toList());
        assertEquals("BIGINT", d.rows().get(3)[1]);
        assertEquals("tag", d.rows().get(1)[2]);
        assertEquals(400, assertThrows(SqlQueryException.class, () -> query("DESCRIBE nope")).status());
    }

    @Test
    void syntaxAndValidationErrorsName400WithPosition() {
        SqlQueryException syntax = assertThrows(SqlQueryException.class, () -> query("SELEC time FROM cpu"));
        assertEquals(400, syntax.status());
        assertEquals("INVALID_QUERY", syntax.code());
        assertEquals(1, syntax.details().get("line"));
        assertEquals(1, syntax.details().get("column"));
        assertFalse(syntax.getMessage().contains("Was expecting"), syntax.getMessage());
        SqlQueryException unknown = assertThrows(SqlQueryException.class, () -> query("SELECT time, nope FROM cpu"));
        assertEquals(400, unknown.status());
        assertEquals(14, unknown.details().get("column"));
        assertTrue(unknown.getMessage().contains("nope"), unknown.getMessage());
        SqlQueryException table = assertThrows(SqlQueryException.class, () -> query("SELECT * FROM disk"));
        assertEquals(400, table.status());
        SqlQueryException interval = assertThrows(SqlQueryException.class,
                () -> query("SELECT time_bucket('1 fortnight', time) FROM cpu"));
        assertEquals(400, interval.status());
    }

    @Test
    void aTimeComparedWithAnIsoTextIsReadOrRefusedNeverAnError() {
        try {
            engine.query(store, CpuData.DB, "SELECT count(*) FROM cpu WHERE time >= '2024-01-01T00:00:20Z'", List.of());
        } catch (SqlQueryException e) {
            assertEquals(400, e.status(), e.getMessage());
        }
    }

    @Test
    void theRowLimitCutsAndSaysSo() {
        SqlEngine small = new SqlEngine(new SqlLimits(30_000, 10));
        try {
            SqlResult r = small.query(store, CpuData.DB, "SELECT * FROM cpu", List.of());
            assertEquals(10, r.rows().size());
            assertTrue(r.truncated());
            assertFalse(small.query(store, CpuData.DB, "SELECT * FROM cpu LIMIT 10", List.of()).truncated());
        } finally {
            small.close();
        }
    }

    @Test
    void aStatementOverItsTimeoutIsCancelled() {
        SqlEngine quick = new SqlEngine(new SqlLimits(200, 100));
        try {
            SqlQueryException e = assertThrows(SqlQueryException.class, () -> quick.query(store, CpuData.DB,
                    "SELECT count(*) FROM cpu a, cpu b, cpu c WHERE a.usage + b.usage > c.usage", List.of()));
            assertEquals(504, e.status());
            assertEquals("QUERY_TIMEOUT", e.code());
        } finally {
            quick.close();
        }
    }
}
