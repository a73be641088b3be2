package io.cairn.query.internal.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cairn's time-series functions in SQL, computed by Calcite above the LMDB store. */
class FunctionsTest extends LmdbCpuSql {
    @Test
    void firstAndLastByTime() {
        Object[] r = rows("SELECT first(usage, time), last(usage, time), last(requests, time) FROM cpu WHERE host = 'b'").get(0);
        assertEquals(100.0, r[0]);
        assertEquals(CpuData.usage(1, CpuData.ROWS_PER_HOST - 1), r[1]);
        assertEquals(60L * (CpuData.ROWS_PER_HOST - 1), r[2]);
    }

    @Test
    void firstAndLastAnswerTheTypeOfTheirArgument() {
        int end = CpuData.ROWS_PER_HOST - 1;
        SqlResult r = query("SELECT first(requests, time), last(requests, time), first(up, time), last(up, time),"
                + " first(state, time), last(state, time), last(usage, time) FROM cpu WHERE host = 'b'");
        assertEquals(List.of("BIGINT", "BIGINT", "BOOLEAN", "BOOLEAN", "VARCHAR", "VARCHAR", "DOUBLE"), r.types());
        assertArrayEquals(new Object[] {0L, 60L * end, true, end % 2 == 0, "ok", end % 2 == 0 ? "ok" : "busy",
            CpuData.usage(1, end)}, r.rows().get(0));
    }

    @Test
    void firstAndLastWidenOtherNumbersToBigintOrDouble() {
        SqlResult r = query("SELECT last(CAST(requests AS INTEGER), time), first(CAST(usage AS DECIMAL(10, 2)), time)"
                + " FROM cpu WHERE host = 'b'");
        assertEquals(List.of("BIGINT", "DOUBLE"), r.types());
        assertArrayEquals(new Object[] {60L * (CpuData.ROWS_PER_HOST - 1), 100.0}, r.rows().get(0));
    }

    @Test
    void lastOfEachTypePerHostReadsOnlyTheLatestRows() {
        String sql = "SELECT host, max(time) AS t, last(requests, time) AS r, last(up, time) AS u,"
                + " last(state, time) AS s FROM cpu GROUP BY host ORDER BY host";
        assertTrue(plan(sql).contains("latest=[1]"), plan(sql));
        List<Object[]> r = rows(sql);
        assertEquals(3, r.size());
        assertArrayEquals(new Object[] {60L * (CpuData.ROWS_PER_HOST - 1), false, "busy"},
                Arrays.copyOfRange(r.get(2), 2, 5));
    }

    @Test
    void rateOfACounterPerSecond() {
        List<Object[]> r = rows("SELECT host, rate(requests, time) FROM cpu GROUP BY host ORDER BY host");
        assertEquals(3, r.size());
        assertEquals(0.1, (Double) r.get(0)[1], 1e-9);
    }

    @Test
    void percentiles() {
        Object[] r = rows("SELECT approx_percentile(usage, 0.5), approx_percentile(requests, 1)"
                + " FROM cpu WHERE host = 'a'").get(0);
        assertEquals(25.0, (Double) r[0], 1e-9);
        assertEquals(60.0 * (CpuData.ROWS_PER_HOST - 1), (Double) r[1], 1e-9);
    }

    @Test
    void dateTruncAndTimeBucketAgree() {
        List<Object[]> r = rows("SELECT date_trunc('day', time) AS d, time_bucket('1 day', time) AS b, count(*) FROM cpu"
                + " WHERE host = 'a' GROUP BY date_trunc('day', time), time_bucket('1 day', time) ORDER BY d");
        assertEquals(7, r.size());
        assertEquals(Instant.parse("2024-01-02T00:00:00Z"), r.get(1)[0]);
        assertEquals(r.get(1)[0], r.get(1)[1]);
        assertEquals(144L, r.get(1)[2]);
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), rows("SELECT date_trunc('month', TIMESTAMP '2024-01-19 10:00:00')").get(0)[0]);
    }

    @Test
    void nowAndIntervalArithmetic() {
        Instant now = (Instant) rows("SELECT now()").get(0)[0];
        assertTrue(Math.abs(now.toEpochMilli() - System.currentTimeMillis()) < 60_000, now.toString());
        assertEquals(0L, rows("SELECT count(*) FROM cpu WHERE time > now() - INTERVAL '1' HOUR").get(0)[0]);
        assertEquals(6L, rows("SELECT count(*) FROM cpu WHERE host = 'a' AND time < TIMESTAMP '2024-01-01 00:00:00'"
                + " + INTERVAL '1' HOUR").get(0)[0]);
    }

    @Test
    void timeAndValueNeedNoQuotes() {
        List<Object[]> r = rows("SELECT time, value FROM mem WHERE value > 1 AND CAST(time AS TIME) = TIME '00:00:00'");
        assertEquals(1, r.size());
        assertEquals(1.5, r.get(0)[1]);
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), r.get(0)[0]);
    }
}
