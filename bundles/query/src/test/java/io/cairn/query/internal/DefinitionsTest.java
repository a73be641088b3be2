package io.cairn.query.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.api.model.Tags;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The documented definitions on hand-computed examples: nearest-rank percentiles, rate, integral. */
class DefinitionsTest {
    static final long T0_MS = 1_700_000_040_000L; // a multiple of one minute
    final MemoryStore store = new MemoryStore(StoreQueryEngineTest.ALL, 2, 0);

    DefinitionsTest() {
        double[] counter = {0, 10, 5, 15, 30, 31};
        for (int i = 0; i < counter.length; i++) {
            store.add("req", Tags.of("host", "a"), (T0_MS + i * 30_000L) * 1_000_000, "value", counter[i]);
        }
        for (int i = 1; i <= 20; i++) {
            store.add("lat", Tags.of("host", "b"), (T0_MS + i * 1_000L) * 1_000_000, "value", (double) (21 - i));
        }
    }

    QueryResult run(String json) {
        String window = "'timeRange':{'start':" + T0_MS + ",'end':" + (T0_MS + 180_000) + "}";
        return new StoreQueryEngine(store, QueryLimits.DEFAULTS)
                .execute(QueryLimitsTest.parse(json.replace("WINDOW", window)), Deadline.after(10_000));
    }

    double single(String json) {
        return ((QueryResult.GroupValues) run(json)).groups().get(0).value();
    }

    @Test
    void percentilesUseTheNearestRank() {
        assertEquals(10, single("{'queryType':'aggregate','metricName':'lat','aggregation':'p50',WINDOW}"));
        assertEquals(19, single("{'queryType':'aggregate','metricName':'lat','aggregation':'p95',WINDOW}"));
        assertEquals(20, single("{'queryType':'aggregate','metricName':'lat','aggregation':'p99',WINDOW}"));
    }

    @Test
    void rateSumsNonNegativeDeltasPerSecondOfTheBucket() {
        QueryResult.GroupSeries whole = ((QueryResult.GroupSeriesList) run("{'queryType':'rate','metricName':'req',WINDOW}"))
                .groups().get(0);
        assertArrayEquals(new double[] {(10 + 10 + 15 + 1) / 180.0}, whole.values(), 1e-12);
        QueryResult.GroupSeries perMinute = ((QueryResult.GroupSeriesList) run(
                "{'queryType':'rate','metricName':'req','interval':'1m',WINDOW}")).groups().get(0);
        assertEquals(List.of(T0_MS, T0_MS + 60_000, T0_MS + 120_000),
                java.util.Arrays.stream(perMinute.timesNanos()).map(t -> t / 1_000_000).boxed().toList());
        assertArrayEquals(new double[] {10 / 60.0, 10 / 60.0, 16 / 60.0}, perMinute.values(), 1e-12);
    }

    @Test
    void integralIsTheTrapezoidAreaInValueSeconds() {
        double area = 30 * ((0 + 10) + (10 + 5) + (5 + 15) + (15 + 30) + (30 + 31)) / 2.0;
        assertEquals(area, single("{'queryType':'aggregate','metricName':'req','aggregation':'integral',WINDOW}"), 1e-9);
        QueryResult.GroupSeries perMinute = ((QueryResult.GroupSeriesList) run(
                "{'queryType':'aggregate','metricName':'req','aggregation':'integral','interval':'1m',WINDOW}"))
                .groups().get(0);
        assertArrayEquals(new double[] {150, 300, 915}, perMinute.values(), 1e-9);
    }
}
