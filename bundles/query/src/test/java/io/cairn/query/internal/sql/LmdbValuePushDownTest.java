package io.cairn.query.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TSBS high-cpu, lastpoint and groupby-orderby-limit shapes over the real LMDB store: rows and plans. */
class LmdbValuePushDownTest extends LmdbCpuSql {
    @Test
    void highCpuRowsAreFilteredOnTheirValueInTheStore() {
        String sql = "SELECT * FROM cpu WHERE host IN (?) AND usage > 140 AND time >= ? AND time < ?";
        Object[] params = {"b", "2024-01-02T00:00:00Z", "2024-01-03T00:00:00Z"};
        List<Object[]> rows = rows(sql, params);
        assertEquals(24, rows.size());
        assertTrue(rows.stream().allMatch(r -> Arrays.asList(r).contains(150.0)), Arrays.deepToString(rows.get(0)));
        String plan = plan(sql, params);
        assertTrue(plan.contains("filter=[[time >= ?1, time < ?2, host = ?0, usage > 140.0]]"), plan);
        assertFalse(plan.contains("Calc"), plan);
    }

    @Test
    void theTopGroupsAreKeptInABoundedHeapNotSortedWhole() {
        String sql = "SELECT host, max(usage) AS peak FROM cpu GROUP BY host ORDER BY peak DESC LIMIT 2";
        List<Object[]> rows = rows(sql);
        assertEquals(List.of("c", "b"), rows.stream().map(r -> r[0]).toList());
        assertEquals(List.of(250.0, 150.0), rows.stream().map(r -> r[1]).toList());
        String plan = plan(sql);
        assertTrue(plan.contains("EnumerableLimitSort(sort0=[$1], dir0=[DESC], fetch=[2])"), plan);
        assertTrue(plan.contains("aggregation=[[group=[host], calls=[max(usage)]]]"), plan);
    }

    @Test
    void lastpointReadsTheLatestRowOfEachSeries() {
        String sql = "SELECT host, max(time) AS last_time, last(usage, time) AS usage FROM cpu GROUP BY host ORDER BY host";
        List<Object[]> rows = rows(sql);
        Instant last = Instant.ofEpochMilli(CpuData.T0_MILLIS + (CpuData.ROWS_PER_HOST - 1) * CpuData.STEP_MILLIS);
        for (int h = 0; h < 3; h++) {
            assertEquals(List.of(CpuData.HOSTS[h], last, CpuData.usage(h, CpuData.ROWS_PER_HOST - 1)),
                    Arrays.asList(rows.get(h)));
        }
        assertTrue(plan(sql).contains("latest=[1]"), plan(sql));
    }

    @Test
    void lastpointGroupsTheLatestRowsInTheScanAsCalciteWouldOverAllRows() {
        String sql = "SELECT dc, last(state, time) AS s, max(time) AS t, last(usage, time) AS u, last(up, time) AS up,"
                + " last(requests, time) AS r FROM cpu GROUP BY dc ORDER BY dc";
        String plan = plan(sql);
        assertTrue(plan.contains("groups=[[keys=[dc], calls=[last(state, time), max(time), last(usage, time),"
                + " last(up, time), last(requests, time)]]]"), plan);
        assertFalse(plan.contains("EnumerableAggregate"), plan);
        List<Object[]> rows = rows(sql);
        // a computed argument keeps Calcite's aggregate over every row: the reference
        String computed = sql.replace("last(usage, time)", "last(usage * 2, time) / 2");
        List<Object[]> reference = rows(computed);
        assertFalse(plan(computed).contains("latest="), plan(computed));
        assertEquals(2, rows.size());
        assertEquals(Arrays.deepToString(reference.toArray()), Arrays.deepToString(rows.toArray()));
        assertEquals(null, rows.get(1)[0]);
        assertEquals(60L * (CpuData.ROWS_PER_HOST - 1), rows.get(1)[5]);
    }

    @Test
    void theLastBucketsAreAggregatedOverAWindowAtTheEndOfTheRange() {
        String sql = "SELECT time_bucket('1 hour', time) AS bucket, max(usage) AS m FROM cpu WHERE time < ?"
                + " GROUP BY bucket ORDER BY bucket DESC LIMIT 5";
        List<Object[]> rows = rows(sql, "2024-01-04T00:30:00Z");
        assertEquals(5, rows.size());
        assertEquals(List.of(Instant.parse("2024-01-04T00:00:00Z"), 220.0), Arrays.asList(rows.get(0)));
        assertEquals(List.of(Instant.parse("2024-01-03T20:00:00Z"), 250.0), Arrays.asList(rows.get(4)));
        String plan = plan(sql, "2024-01-04T00:30:00Z");
        assertTrue(plan.contains("limit=[5], order=[time_bucket DESC]"), plan);
        assertFalse(plan.contains("Sort"), plan);
    }
}
