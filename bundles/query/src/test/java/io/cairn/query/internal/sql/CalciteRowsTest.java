package io.cairn.query.internal.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.jdbc.Driver;
import org.junit.jupiter.api.Test;

class CalciteRowsTest {
    private static final String SQL = "SELECT * FROM (VALUES (1, 'a', CAST(2 AS BIGINT), 2.5e0, TIMESTAMP '2026-01-02 03:04:05',"
            + " TRUE, DATE '2026-01-02'), (NULL, 'b', NULL, NULL, NULL, NULL, NULL)) AS t(i, s, b, d, ts, f, dt)";

    @Test
    void rowsAreReadAsCalciteHoldsThem() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SQL)) {
            CalciteRows raw = CalciteRows.of(rs);
            assertNotNull(raw, "this Calcite's rows are arrays we can read");
            assertTrue(rs.next());
            Object[] first = raw.current();
            assertEquals(7, first.length);
            assertEquals(1, first[0]);
            assertEquals("a", first[1]);
            assertEquals(2L, first[2]);
            assertEquals(Instant.parse("2026-01-02T03:04:05Z").toEpochMilli(), first[4]);
        }
    }

    @Test
    void rawAndGetterReadsGiveTheSameResult() throws Exception {
        List<Object[]> rows = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SQL)) {
            ResultRows.stream(rs, new AtomicBoolean(), rows::add);
        }
        assertArrayEquals(new Object[] {1, "a", 2L, 2.5, Instant.parse("2026-01-02T03:04:05Z"), true, "2026-01-02"},
                rows.get(0));
        assertArrayEquals(new Object[] {null, "b", null, null, null, null, null}, rows.get(1));
        assertFalse(rows.size() > 2);
    }

    private static Connection connect() throws Exception {
        Properties p = new Properties();
        p.setProperty("timeZone", "UTC");
        return new Driver().connect("jdbc:calcite:", p);
    }
}
