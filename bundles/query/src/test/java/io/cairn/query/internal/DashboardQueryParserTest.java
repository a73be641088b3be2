package io.cairn.query.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DashboardQueryParserTest {
    static final long NOW_MS = 1_700_000_000_000L;
    static final long MS = 1_000_000L;
    final DashboardQueryParser parser = new DashboardQueryParser(QueryLimits.DEFAULTS,
            Clock.fixed(Instant.ofEpochMilli(NOW_MS), ZoneOffset.UTC));

    DashboardQuery parse(String json) {
        return parser.parse(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), "db1");
    }

    @Test
    void readsEveryField() {
        DashboardQuery q = parse("{'queryType':'aggregate','metricName':'cpu','field':'usage',"
                + "'timeRange':{'start':'2023-11-14T22:00:00Z','end':1700000000000},"
                + "'filters':{'host':'a','region':['eu','us']},'aggregation':'P95','groupBy':['host','dc'],"
                + "'interval':'5m','limit':50,'timeout':'5s'}");
        assertEquals("db1", q.database());
        assertEquals(QueryType.AGGREGATE, q.type());
        assertEquals("cpu", q.metric());
        assertEquals("usage", q.field());
        assertEquals(Instant.parse("2023-11-14T22:00:00Z").toEpochMilli() * MS, q.startNanos());
        assertEquals(NOW_MS * MS, q.endNanos());
        assertEquals(Map.of("host", Set.of("a"), "region", Set.of("eu", "us")), q.filters());
        assertEquals(AggregationKind.P95, q.aggregation());
        assertEquals(List.of("host", "dc"), q.groupBy());
        assertEquals(5 * 60_000 * MS, q.intervalNanos());
        assertEquals(50, q.limit());
        assertEquals(5000, q.timeoutMillis());
    }

    @Test
    void appliesDefaults() {
        DashboardQuery q = parse("{'queryType':'range','metricName':'cpu','timeRange':{'relative':'1h30m'}}");
        assertEquals("value", q.field());
        assertEquals(NOW_MS * MS, q.endNanos());
        assertEquals((NOW_MS - 90 * 60_000) * MS, q.startNanos());
        assertEquals(Map.of(), q.filters());
        assertEquals(List.of(), q.groupBy());
        assertEquals(0, q.intervalNanos());
        assertEquals(10_000, q.limit());
        assertEquals(10_000, q.timeoutMillis());
        assertEquals(null, q.aggregation());
    }

    @Test
    void rateNeedsNoAggregationAndTakesOffsetTimesAndMillisecondTimeout() {
        DashboardQuery q = parse("{'queryType':'rate','metricName':'req','timeRange':{'start':'2023-11-14T23:00:00+01:00',"
                + "'end':'1700000000000'},'timeout':2500,'limit':999999,'groupBy':'host'}");
        assertEquals(AggregationKind.RATE, q.aggregation());
        assertEquals(Instant.parse("2023-11-14T22:00:00Z").toEpochMilli() * MS, q.startNanos());
        assertEquals(2500, q.timeoutMillis());
        assertEquals(10_000, q.limit(), "a limit above the maximum is lowered to it");
        assertEquals(List.of("host"), q.groupBy());
    }

    @Test
    void lowersTimeoutToTheMaximum() {
        assertEquals(30_000, parse("{'queryType':'range','metricName':'m','timeRange':{'relative':'5m'},'timeout':'2m'}")
                .timeoutMillis());
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{|body",
        "[1,2]|body",
        "\"\"|body",
        "{'metricName':'m','timeRange':{'relative':'5m'}}|queryType",
        "{'queryType':'histogram','metricName':'m','timeRange':{'relative':'5m'}}|queryType",
        "{'queryType':'range','timeRange':{'relative':'5m'}}|metricName",
        "{'queryType':'range','metricName':'','timeRange':{'relative':'5m'}}|metricName",
        "{'queryType':'range','metricName':7,'timeRange':{'relative':'5m'}}|metricName",
        "{'queryType':'range','metricName':'m','field':3,'timeRange':{'relative':'5m'}}|field",
        "{'queryType':'range','metricName':'m'}|timeRange",
        "{'queryType':'range','metricName':'m','timeRange':'5m'}|timeRange",
        "{'queryType':'range','metricName':'m','timeRange':{}}|timeRange.start",
        "{'queryType':'range','metricName':'m','timeRange':{'relative':'5x'}}|timeRange.relative",
        "{'queryType':'range','metricName':'m','timeRange':{'relative':'0s'}}|timeRange.relative",
        "{'queryType':'range','metricName':'m','timeRange':{'relative':'5m','start':1}}|timeRange",
        "{'queryType':'range','metricName':'m','timeRange':{'start':'yesterday','end':1}}|timeRange.start",
        "{'queryType':'range','metricName':'m','timeRange':{'start':1,'end':'2023-13-01T00:00:00Z'}}|timeRange.end",
        "{'queryType':'range','metricName':'m','timeRange':{'start':true}}|timeRange.start",
        "{'queryType':'range','metricName':'m','timeRange':{'start':2000,'end':1000}}|timeRange.start",
        "{'queryType':'range','metricName':'m','timeRange':{'relative':'91d'}}|timeRange",
        "{'queryType':'range','metricName':'m','timeRange':{'start':-9000000000000,'end':9000000000000}}|timeRange",
        "{'queryType':'range','metricName':'m','timeRange':{'relative':'5m'},'filters':['a']}|filters",
        "{'queryType':'range','metricName':'m','timeRange':{'relative':'5m'},'filters':{'host':[]}}|filters.host",
        "{'queryType':'range','metricName':'m','timeRange':{'relative':'5m'},'filters':{'host':{'a':1}}}|filters.host",
        "{'queryType':'range','metricName':'m','timeRange':{'relative':'5m'},'filters':{'host':[null]}}|filters.host",
        "{'queryType':'aggregate','metricName':'m','timeRange':{'relative':'5m'}}|aggregation",
        "{'queryType':'aggregate','metricName':'m','timeRange':{'relative':'5m'},'aggregation':'median'}|aggregation",
        "{'queryType':'aggregate','metricName':'m','timeRange':{'relative':'5m'},'aggregation':'rate'}|aggregation",
        "{'queryType':'aggregate','metricName':'m','timeRange':{'relative':'5m'},'aggregation':'avg','groupBy':[1]}|groupBy",
        "{'queryType':'aggregate','metricName':'m','timeRange':{'relative':'5m'},'aggregation':'avg','groupBy':{}}|groupBy",
        "{'queryType':'aggregate','metricName':'m','timeRange':{'relative':'5m'},'aggregation':'avg','interval':'fast'}|interval",
        "{'queryType':'aggregate','metricName':'m','timeRange':{'relative':'5m'},'aggregation':'avg','interval':-5}|interval",
        "{'queryType':'aggregate','metricName':'m','timeRange':{'relative':'30d'},'aggregation':'avg','interval':'1m'}|interval",
        "{'queryType':'rate','metricName':'m','timeRange':{'relative':'2d'},'interval':'10s'}|interval",
        "{'queryType':'range','metricName':'m','timeRange':{'relative':'5m'},'limit':0}|limit",
        "{'queryType':'range','metricName':'m','timeRange':{'relative':'5m'},'limit':'ten'}|limit",
        "{'queryType':'range','metricName':'m','timeRange':{'relative':'5m'},'limit':1.5}|limit",
        "{'queryType':'range','metricName':'m','timeRange':{'relative':'5m'},'timeout':'soon'}|timeout",
        "{'queryType':'range','metricName':'m','timeRange':{'relative':'5m'},'timeout':0}|timeout",
    })
    void namesTheFieldAtFault(String json, String field) {
        QueryException e = assertThrows(QueryException.class, () -> parse(json));
        assertEquals("INVALID_QUERY", e.code());
        assertEquals(400, e.status());
        assertEquals(field, e.details().get("field"), e.getMessage());
    }

    @Test
    void acceptsTheLongestRangeAndMostBuckets() {
        DashboardQuery q = parse("{'queryType':'aggregate','metricName':'m','timeRange':{'start':0,'end':600000000},"
                + "'aggregation':'sum','interval':'1m'}");
        assertEquals(60_000 * MS, q.intervalNanos());
        DashboardQuery wide = parse("{'queryType':'range','metricName':'m','timeRange':{'relative':'90d'}}");
        assertEquals(90L * 86_400_000 * MS, wide.endNanos() - wide.startNanos());
    }
}
