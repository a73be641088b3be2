package io.cairn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DialectAnswersTest {
    private static final long T = 1_796_169_600_000L; // 2026-12-02T00:00:00Z

    @Test
    void influxSeriesAreFlattenedWithTheirTagsAfterTheTime() {
        String body = "{\"results\":[{\"statement_id\":0,\"series\":["
                + "{\"name\":\"cpu\",\"tags\":{\"hostname\":\"host_1\"},\"columns\":[\"time\",\"mean_usage_user\"],\"values\":[[" + T + ",4.5]]},"
                + "{\"name\":\"cpu\",\"tags\":{\"hostname\":\"host_2\"},\"columns\":[\"time\",\"mean_usage_user\"],\"values\":[[" + T + ",null]]}]}]}";
        ResultTable table = new InfluxQlDialect("http://x", "bench").parse(body);
        assertEquals(List.of("time", "hostname", "mean_usage_user"), table.columns());
        assertEquals(List.of(T, "host_1", 4.5), table.rows().get(0));
        assertEquals(2, table.rows().size());
    }

    @Test
    void influxErrorsAreRaised() {
        assertThrows(IllegalStateException.class, () -> new InfluxQlDialect("http://x", "bench")
                .parse("{\"results\":[{\"statement_id\":0,\"error\":\"database not found: bench\"}]}"));
    }

    @Test
    void questDbAndCairnTimesBecomeEpochMillisInTheTimeColumn() {
        ResultTable quest = new QuestDbDialect("http://x").parse("{\"query\":\"q\",\"columns\":[{\"name\":\"timestamp\","
                + "\"type\":\"TIMESTAMP\"},{\"name\":\"max_usage_user\",\"type\":\"LONG\"}],\"dataset\":"
                + "[[\"2026-12-02T00:01:00.000000Z\",97]],\"count\":1}");
        assertEquals(List.of("time", "max_usage_user"), quest.columns());
        assertEquals(List.of(T + 60_000, 97.0), quest.rows().get(0));

        ResultTable cairn = new CairnSqlDialect(URI.create("http://x"), "bench").parse("{\"columns\":[\"bucket\",\"max_usage_user\"],"
                + "\"types\":[\"TIMESTAMP\",\"BIGINT\"],\"data\":[[\"2026-12-02T00:00:00.5Z\",3]],\"row_count\":1}");
        assertEquals(List.of(T + 500, 3.0), cairn.rows().get(0));
    }

    @Test
    void victoriaMetricsCountsAreReadFromTheirText() {
        String body = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},"
                + "\"value\":[1764633600,\"864000\"]}]}}";
        assertEquals(864_000, new MetricsQlDialect("http://x").parse(body).singleCount());
    }

    @Test
    void jsonStringsKeepTheirEscapes() {
        assertEquals(Arrays.asList("a\"b\\c\u00e9\n", 1.5e3, true, null), JsonReader.parse(" [\"a\\\"b\\\\c\\u00e9\\n\", 1.5e3, true, null] "));
    }
}
