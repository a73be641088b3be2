package io.cairn.query.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cairn's time-series functions in SQL, computed by Calcite above the LMDB store. */
class FunctionsTest extends LmdbCpuSql {
    @Test
    void firstAndLastByTime() {
        Object[] r = rows("SELECT first(usage, time), last(usage, time), last(requests, time) FROM cpu WHERE host = 'b'").get(0);
        assertEquals(100.0, r[0]);
        assertEquals(CpuData.usage(1, CpuData.ROWS_PER_HOST - 1), r[1]);
        assertEquals(60.0 * (CpuData.ROWS_PER_HOST - 1), r[2]);
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
