package io.cairn.enterprise.license.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class LicensePhaseTest {
    private static final Instant EXPIRES = Instant.parse("2027-06-30T00:00:00Z");
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void everyBoundaryFallsIntoTheDocumentedPhase() {
        assertEquals(LicensePhase.ACTIVE, at(Duration.ofDays(-30).minus(SECOND)));
        assertEquals(LicensePhase.WARNING, at(Duration.ofDays(-30)));
        assertEquals(LicensePhase.WARNING, at(SECOND.negated()));
        assertEquals(LicensePhase.GRACE, at(Duration.ZERO));
        assertEquals(LicensePhase.GRACE, at(Duration.ofDays(15).minus(SECOND)));
        assertEquals(LicensePhase.READ_ONLY, at(Duration.ofDays(15)));
        assertEquals(LicensePhase.READ_ONLY, at(Duration.ofDays(30).minus(SECOND)));
        assertEquals(LicensePhase.EXPIRED, at(Duration.ofDays(30)));
        assertEquals(LicensePhase.EXPIRED, at(Duration.ofDays(400)));
    }

    @Test
    void eachPhaseSaysWhatWorksThroughAVerifiedLicenseOnAFixedClock() throws Exception {
        TestVendor vendor = TestVendor.vendor();
        byte[] doc = vendor.sign(TestVendor.terms("L-1", List.of("hello"), 64,
                EXPIRES.minus(Duration.ofDays(365)), EXPIRES));

        LicenseStatus active = verifyAt(doc, EXPIRES.minus(Duration.ofDays(45)));
        assertEquals(LicensePhase.ACTIVE, active.phase());
        assertEquals(45, active.daysRemaining());
        assertTrue(active.unlocks("hello"));
        assertFalse(active.unlocks("cluster"));
        assertTrue(active.writesAllowed());
        assertTrue(active.warnings().isEmpty());

        LicenseStatus warning = verifyAt(doc, EXPIRES.minus(Duration.ofDays(10)));
        assertEquals(LicensePhase.WARNING, warning.phase());
        assertEquals(10, warning.daysRemaining());
        assertEquals(List.of("the license expires in 10 days; renew it"), warning.warnings());

        LicenseStatus grace = verifyAt(doc, EXPIRES.plus(Duration.ofDays(14)));
        assertEquals(LicensePhase.GRACE, grace.phase());
        assertTrue(grace.unlocks("hello"));
        assertTrue(grace.writesAllowed());
        assertEquals(-14, grace.daysRemaining());

        LicenseStatus readOnly = verifyAt(doc, EXPIRES.plus(Duration.ofDays(20)));
        assertEquals(LicensePhase.READ_ONLY, readOnly.phase());
        assertTrue(readOnly.unlocks("hello"));
        assertFalse(readOnly.writesAllowed());

        LicenseStatus off = verifyAt(doc, EXPIRES.plus(Duration.ofDays(30)));
        assertEquals(LicensePhase.EXPIRED, off.phase());
        assertFalse(off.valid());
        assertFalse(off.unlocks("hello"));
        assertTrue(off.writesAllowed(), "the open edition writes");
    }

    private static LicensePhase at(Duration sinceExpiry) {
        return LicensePhase.of(EXPIRES, EXPIRES.plus(sinceExpiry));
    }

    static LicenseStatus verifyAt(byte[] doc, Instant now) throws Exception {
        return new LicenseVerifier(TestVendor.certificate(false), Clock.fixed(now, ZoneOffset.UTC), 4, "m-1").verify(doc);
    }
}
