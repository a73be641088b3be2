package io.cairn.enterprise.license.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstalledLicenseTest {
    private static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");

    @TempDir
    Path data;

    @Test
    void anInstalledLicenseSurvivesARestartAndRemovalReturnsToTheOpenEdition() throws Exception {
        byte[] doc = TestVendor.vendor().sign(TestVendor.terms("L-1", List.of("hello"), 8,
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(100))));
        InstalledLicense first = installed();
        assertEquals(LicensePhase.NONE, first.load().phase());
        assertTrue(first.install(doc).unlocks("hello"));
        assertTrue(Files.isRegularFile(data.resolve("license").resolve("license.json")));

        InstalledLicense afterRestart = installed();
        LicenseStatus reloaded = afterRestart.load();
        assertEquals("L-1", reloaded.license().id());
        assertTrue(reloaded.unlocks("hello"));

        afterRestart.remove();
        assertEquals(LicensePhase.NONE, afterRestart.status().phase());
        assertFalse(afterRestart.status().unlocks("hello"));
        assertEquals(LicensePhase.NONE, installed().load().phase());
    }

    @Test
    void aRefusedLicenseLeavesThePreviousOneInPlace() throws Exception {
        TestVendor vendor = TestVendor.vendor();
        InstalledLicense license = installed();
        license.install(vendor.sign(TestVendor.terms("L-good", List.of("hello"), 8,
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(100)))));

        byte[] forged = TestVendor.other().sign(TestVendor.terms("L-forged", List.of("hello", "cluster"), 8,
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(100))));
        assertEquals("LICENSE_SIGNATURE_INVALID", assertThrows(LicenseException.class, () -> license.install(forged)).code());
        byte[] longExpired = vendor.sign(TestVendor.terms("L-old", List.of("hello"), 8,
                NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(31))));
        assertEquals("LICENSE_EXPIRED", assertThrows(LicenseException.class, () -> license.install(longExpired)).code());

        assertEquals("L-good", license.status().license().id());
        assertEquals("L-good", installed().load().license().id());
    }

    @Test
    void aReadOnlyLicenseCanBeInstalledAndRefusesWrites() throws Exception {
        byte[] doc = TestVendor.vendor().sign(TestVendor.terms("L-ro", List.of("hello"), 8,
                NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(20))));
        LicenseStatus status = installed().install(doc);
        assertEquals(LicensePhase.READ_ONLY, status.phase());
        assertFalse(status.writesAllowed());
        assertEquals(-20, status.daysRemaining());
    }

    private InstalledLicense installed() throws Exception {
        return new InstalledLicense(new LicenseVerifier(TestVendor.certificate(false),
                Clock.fixed(NOW, ZoneOffset.UTC), 2, "m"), data.resolve("license"));
    }
}
