package io.cairn.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricValidatorTest {
    private static final long NOW = Instant.parse("2026-06-01T12:00:00Z").toEpochMilli();
    private static final long DAY = 24 * 3600 * 1000L;
    private static final long HOUR = 3600 * 1000L;

    private final MetricValidator validator = new MetricValidator(ValidationLimits.defaults(),
            Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    private MetricItem item;

    @BeforeEach
    void validItem() {
        item = new MetricItem();
        item.name = "cpu_usage";
        item.timestamp = NOW;
        item.value = 1.5;
        item.dimensions.put("host", "a");
    }

    private String code() {
        ItemError e = validator.validate(item);
        return e == null ? null : e.code();
    }

    @Test
    void aValidItemPasses() {
        assertNull(code());
    }

    @Test
    void nameRules() {
        for (String ok : new String[] {"a", "_", "A_9", "x".repeat(256)}) {
            item.name = ok;
            assertNull(code(), ok);
        }
        for (Object bad : new Object[] {"", "9abc", "cpu.usage", "cpu-usage", "ü", "x".repeat(257), null, 12L}) {
            item.name = bad;
            assertEquals("INVALID_METRIC_NAME", code(), String.valueOf(bad));
        }
    }

    @Test
    void timestampWindowIsInclusiveAtBothEnds() {
        item.timestamp = NOW - 7 * DAY;
        assertNull(code());
        item.timestamp = NOW + HOUR;
        assertNull(code());
        item.timestamp = NOW - 7 * DAY - 1;
        assertEquals("INVALID_TIMESTAMP", code());
        item.timestamp = NOW + HOUR + 1;
        assertEquals("INVALID_TIMESTAMP", code());
    }

    @Test
    void timestampFormats() {
        item.timestamp = "2026-06-01T11:59:59.123Z";
        assertNull(code());
        item.timestamp = "2026-06-01T13:30:00+02:00";
        assertNull(code());
        item.timestamp = (double) NOW + 0.5;
        assertNull(code());
        for (Object bad : new Object[] {null, "yesterday", "2026-06-01", "2026-06-01T12:00:00", MetricItem.OTHER,
                Double.NaN, (double) Long.MAX_VALUE}) {
            item.timestamp = bad;
            assertEquals("INVALID_TIMESTAMP", code(), String.valueOf(bad));
        }
    }

    @Test
    void rfc3339TimestampsBecomeNanoseconds() {
        assertEquals(1_780_315_199_123_456_789L, MetricValidator.timeNanos("2026-06-01T11:59:59.123456789Z"));
        assertEquals(NOW * 1_000_000L, MetricValidator.timeNanos(NOW));
        assertEquals(NOW * 1_000_000L, MetricValidator.timeNanos("2026-06-01t14:00:00+02:00"));
    }

    @Test
    void windowLimitsAreConfigurable() {
        MetricValidator narrow = new MetricValidator(new ValidationLimits(256, 1000, 0, 20, 128, 256, 10),
                Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        item.timestamp = NOW - 1000;
        assertNull(narrow.validate(item));
        item.timestamp = NOW + 1;
        assertEquals("INVALID_TIMESTAMP", narrow.validate(item).code());
    }

    @Test
    void valueRules() {
        for (Object ok : new Object[] {0L, -3.25, Double.MAX_VALUE, Long.MIN_VALUE}) {
            item.value = ok;
            assertNull(code(), String.valueOf(ok));
        }
        for (Object bad : new Object[] {null, "1.5", MetricItem.OTHER, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY}) {
            item.value = bad;
            assertEquals("INVALID_VALUE", code(), String.valueOf(bad));
        }
    }

    @Test
    void twentyDimensionsPassAndTwentyOneFail() {
        item.dimensions.clear();
        for (int i = 0; i < 20; i++) {
            item.dimensions.put("k" + i, "v");
        }
        assertNull(code());
        item.dimensions.put("k20", "v");
        assertEquals("DIMENSION_LIMIT_EXCEEDED", code());
    }

    @Test
    void dimensionKeyRules() {
        item.dimensions.put("k".repeat(128), "v");
        assertNull(code());
        for (String bad : new String[] {"", "k".repeat(129), "1a", "a-b", "a b"}) {
            validItem();
            item.dimensions.put(bad, "v");
            assertEquals("DIMENSION_LIMIT_EXCEEDED", code(), bad);
        }
    }

    @Test
    void dimensionValueRules() {
        item.dimensions.put("long", "v".repeat(256));
        item.dimensions.put("unicode", "日本語 🚀 with spaces");
        item.dimensions.put("emoji", "🚀".repeat(256));
        assertNull(code());
        for (Object bad : new Object[] {"", "v".repeat(257), "tab\there", "new\nline", "nul\u0000", "c1\u0085",
                "lone\uD800", MetricItem.OTHER, 5L}) {
            validItem();
            item.dimensions.put("k", bad);
            assertEquals("DIMENSION_LIMIT_EXCEEDED", code(), String.valueOf(bad));
        }
    }

    @Test
    void dimensionsThatAreNotAnObjectFail() {
        item.dimensionsInvalid = true;
        assertEquals("DIMENSION_LIMIT_EXCEEDED", code());
    }

    @Test
    void theFirstBrokenRuleIsReported() {
        item.name = "bad name";
        item.value = Double.NaN;
        assertEquals("INVALID_METRIC_NAME", code());
    }
}
