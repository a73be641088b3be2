package io.cairn.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.Tags;
import org.junit.jupiter.api.Test;

/** The sketch's estimates against exact counts of series of the shape. */
class HyperLogLogTest {
    private static Tags series(int s) {
        return Tags.of("customer_id", "cust_" + s, "endpoint", "/api/e" + (s % 50), "region", "r" + (s % 10),
                "status_code", String.valueOf(200 + s % 8));
    }

    @Test
    void estimatesAreWithinTwoPercentFromAFewToAMillionSeries() {
        HyperLogLog sketch = new HyperLogLog();
        int[] checkpoints = {10, 100, 1_000, 10_000, 30_000, 50_000, 100_000, 300_000, 1_000_000};
        int added = 0;
        for (int n : checkpoints) {
            for (; added < n; added++) {
                sketch.add(SeriesHash.of("db", "requests", series(added)));
            }
            double error = Math.abs(sketch.estimate() - n) / (double) n;
            assertTrue(error < 0.02, n + " series estimated as " + sketch.estimate());
        }
    }

    @Test
    void seriesWrittenAgainAreNotCountedAgain() {
        HyperLogLog sketch = new HyperLogLog();
        for (int round = 0; round < 3; round++) {
            for (int s = 0; s < 5_000; s++) {
                sketch.add(SeriesHash.of("db", "requests", series(s)));
            }
        }
        long estimate = sketch.estimate();
        assertTrue(Math.abs(estimate - 5_000) < 100, "estimated " + estimate);
        assertEquals(0, new HyperLogLog().estimate());
    }

    @Test
    void theDatabaseAndMeasurementAreDifferentSeries() {
        Tags tags = series(1);
        long a = SeriesHash.of("db", "requests", tags);
        assertEquals(a, SeriesHash.of("db", "requests", Tags.of(tags.toMap())));
        assertTrue(a != SeriesHash.of("db2", "requests", tags));
        assertTrue(a != SeriesHash.of("db", "requests2", tags));
        assertTrue(SeriesHash.of("ab", "c", Tags.EMPTY) != SeriesHash.of("a", "bc", Tags.EMPTY));
    }
}
