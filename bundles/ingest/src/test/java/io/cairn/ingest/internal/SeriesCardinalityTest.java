package io.cairn.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sketches per measurement and tenant, growth by minute and hour, their bound, and the 80% warning. */
class SeriesCardinalityTest {
    private static final long MINUTE = 60_000;
    private long now = 1_800_000_000_000L;
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }
    };

    private static WriteBatch batch(String db, String measurement, int from, int to) {
        WriteBatch.Builder b = WriteBatch.builder(db, measurement);
        for (int s = from; s < to; s++) {
            b.setDouble(b.addRow(Tags.of("customer_id", "cust_" + s), 0), "value", 1);
        }
        return b.build();
    }

    private static void assertNear(long expected, long actual) {
        assertTrue(Math.abs(expected - actual) <= Math.max(2, expected / 50), "expected about " + expected + ", got " + actual);
    }

    @Test
    void oneTagSetInTwoMeasurementsIsTwoSeriesOfTheTenant() {
        List<Tags> series = new java.util.ArrayList<>();
        for (int s = 0; s < 1000; s++) {
            series.add(Tags.of("host", "h" + s));
        }
        SeriesCardinality cardinality = new SeriesCardinality(16, clock);
        for (String measurement : List.of("cpu", "mem", "cpu")) {
            WriteBatch.Builder b = WriteBatch.builder("acme__db", measurement);
            for (Tags t : series) {
                b.setDouble(b.addRow(t, 0), "value", 1);
            }
            cardinality.record(List.of(b.build()));
        }

        assertNear(1000, cardinality.measurement("acme__db", "cpu").estimate());
        assertNear(1000, cardinality.measurement("acme__db", "mem").estimate());
        assertNear(2000, cardinality.tenant("acme").estimate());
    }

    @Test
    void growthCountsSeriesFirstSeenInTheLastMinuteAndHour() {
        SeriesCardinality cardinality = new SeriesCardinality(16, clock);
        cardinality.record(List.of(batch("db", "m", 0, 1000)));
        now += 5 * MINUTE;
        cardinality.record(List.of(batch("db", "m", 500, 1500)));
        now += MINUTE / 2;
        SeriesSketch sketch = cardinality.measurement("db", "m");
        assertNear(1500, sketch.estimate());
        assertNear(500, sketch.growth(1, now));
        assertNear(1500, sketch.growth(60, now));
        now += 59 * MINUTE;
        assertEquals(0, sketch.growth(1, now));
        assertNear(500, sketch.growth(60, now));
        now += 10 * MINUTE;
        assertEquals(0, sketch.growth(60, now));
        assertNear(1500, sketch.estimate());
    }

    @Test
    void aTenantSketchCountsTheSeriesOfAllItsDatabases() {
        SeriesCardinality cardinality = new SeriesCardinality(16, clock);
        cardinality.record(List.of(batch("acme__a", "m", 0, 300), batch("acme__b", "m", 0, 200),
                batch("other", "m", 0, 100)));
        assertNear(500, cardinality.tenant("acme").estimate());
        assertNull(cardinality.tenant("other"));
        assertEquals("acme", SeriesCardinality.tenantOf("acme__a"));
        assertNull(SeriesCardinality.tenantOf("plain"));
        assertNull(SeriesCardinality.tenantOf("__x"));
    }

    @Test
    void theLeastRecentlyWrittenSketchIsDroppedAtTheBound() {
        SeriesCardinality cardinality = new SeriesCardinality(2, clock);
        cardinality.record(List.of(batch("db", "a", 0, 10), batch("db", "b", 0, 10)));
        cardinality.record(List.of(batch("db", "a", 10, 20), batch("db", "c", 0, 10)));
        assertNull(cardinality.measurement("db", "b"));
        assertNotNull(cardinality.measurement("db", "a"));
        assertNotNull(cardinality.measurement("db", "c"));
    }

    @Test
    void aMeasurementIsWarnedAboutOnceAtEightyPercentOfItsLimit() {
        SeriesCardinality cardinality = new SeriesCardinality(16, clock);
        cardinality.checked("db", "m", 79, 100);
        assertEquals(List.of(), cardinality.warnings(null));
        assertEquals(100, cardinality.limit("db", "m"));
        assertEquals(-1, cardinality.limit("db", "other"));
        cardinality.checked("db", "m", 80, 100);
        cardinality.checked("db", "m", 95, 100);
        List<SeriesCardinality.Warning> warnings = cardinality.warnings("db");
        assertEquals(1, warnings.size());
        assertEquals(80, warnings.get(0).series());
        assertEquals("metric m of db has 80 series, 80% of its limit of 100", warnings.get(0).message());
        assertEquals(List.of(), cardinality.warnings("elsewhere"));
    }
}
