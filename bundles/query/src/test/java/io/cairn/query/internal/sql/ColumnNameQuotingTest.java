package io.cairn.query.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Where {@code time}, {@code value}, {@code first(} and {@code last(} get quoted, and where not. */
class ColumnNameQuotingTest {
    private static String rewrite(String sql) {
        return ColumnNameQuoting.of(sql).sql();
    }

    @Test
    void quotesTheColumnNames() {
        assertEquals("SELECT \"time\", \"value\" FROM m WHERE \"time\" > now()", rewrite("SELECT time, Value FROM m WHERE TIME > now()"));
        assertEquals("SELECT x AS \"time\" FROM m", rewrite("SELECT x AS time FROM m"));
        assertEquals("SELECT \"first\"(v, \"time\"), \"last\" (v, \"time\") FROM m",
                rewrite("SELECT first(v, time), last (v, time) FROM m"));
    }

    @Test
    void leavesKeywordsStringsQuotedNamesAndCommentsAlone() {
        String[] unchanged = {
            "SELECT TIME '10:00:00'",
            "SELECT CAST(x AS TIME) FROM m",
            "SELECT CAST(x AS TIMESTAMP WITH LOCAL TIME ZONE) FROM m",
            "SELECT 'time', \"time\" FROM m -- time\n",
            "SELECT /* value */ 1",
            "SELECT NEXT VALUE FOR s",
            "SELECT x FROM m ORDER BY x NULLS FIRST",
            "SELECT 'it''s time'",
        };
        for (String sql : unchanged) {
            assertEquals(sql, rewrite(sql));
        }
        assertEquals("SELECT CAST(\"time\" AS TIME) FROM m", rewrite("SELECT CAST(time AS TIME) FROM m"));
    }

    @Test
    void mapsErrorColumnsBackToTheTextAsSent() {
        ColumnNameQuoting q = ColumnNameQuoting.of("SELECT time, nope FROM m");
        assertEquals("SELECT \"time\", nope FROM m", q.sql());
        assertEquals(14, q.originalColumn(1, 16));
        assertEquals(1, q.originalColumn(1, 1));
        ColumnNameQuoting lines = ColumnNameQuoting.of("SELECT 1\nFROM m WHERE time > 0 AND x");
        assertEquals(28, lines.originalColumn(2, 30));
        assertEquals(5, lines.originalColumn(1, 5));
    }
}
