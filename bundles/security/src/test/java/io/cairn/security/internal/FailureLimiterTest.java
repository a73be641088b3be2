package io.cairn.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailureLimiterTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final FailureLimiter limiter = new FailureLimiter(5, 60, nanos::get);

    @Test
    void anAddressIsSlowedAfterItsAllowanceAndRecoversAsTheBucketRefills() {
        for (int i = 0; i < 4; i++) {
            limiter.failed("10.0.0.1");
            assertEquals(0, limiter.retryAfterSeconds("10.0.0.1"), "failure " + (i + 1));
        }
        limiter.failed("10.0.0.1");
        assertEquals(12, limiter.retryAfterSeconds("10.0.0.1"), "one token refills every 60/5 s");
        nanos.addAndGet(6_000_000_000L);
        assertEquals(6, limiter.retryAfterSeconds("10.0.0.1"));
        nanos.addAndGet(6_000_000_000L);
        assertEquals(0, limiter.retryAfterSeconds("10.0.0.1"));
        limiter.failed("10.0.0.1");
        assertEquals(12, limiter.retryAfterSeconds("10.0.0.1"), "one refilled token, used again");
    }

    @Test
    void addressesAreCountedSeparately() {
        for (int i = 0; i < 5; i++) {
            limiter.failed("10.0.0.1");
        }
        assertEquals(0, limiter.retryAfterSeconds("10.0.0.2"));
        limiter.failed("10.0.0.2");
        assertEquals(0, limiter.retryAfterSeconds("10.0.0.2"));
    }

    @Test
    void manyAddressesKeepTheTableBoundedAndTheOnesTrackedStillLimited() {
        for (int i = 0; i < FailureLimiter.MAX_TRACKED + 5_000; i++) {
            limiter.failed("2001:db8::" + Integer.toHexString(i));
        }
        assertEquals(FailureLimiter.MAX_TRACKED, limiter.tracked());
        for (int i = 0; i < 5; i++) {
            limiter.failed("2001:db8::0");
        }
        assertEquals(12, limiter.retryAfterSeconds("2001:db8::0"));
        nanos.addAndGet(61_000_000_000L);
        limiter.failed("10.9.9.9");
        assertEquals(1, limiter.tracked(), "a sweep a second later forgets every address whose bucket refilled");
    }
}
