package io.cairn.query.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({"500ms,500", "30s,30000", "15m,900000", "1h,3600000", "24h,86400000", "7d,604800000",
            "30d,2592000000", "2w,1209600000", "1h30m,5400000", "1d12h,129600000", "1m30s500ms,90500"})
    void parsesDurations(String text, long millis) {
        assertEquals(TimeUnit.MILLISECONDS.toNanos(millis), Durations.parseNanos(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "15", "m", "1x", "-5m", "1h 30m", "1.5h", "h1", "5M", "99999999999999999999s", "100000000w"})
    void rejectsWhatIsNotADuration(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parseNanos(text));
    }
}
