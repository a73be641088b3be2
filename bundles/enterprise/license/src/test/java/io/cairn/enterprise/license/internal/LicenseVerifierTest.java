package io.cairn.enterprise.license.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class LicenseVerifierTest {
    private static final Instant NOW = Instant.parse("2027-01-15T12:00:00Z");
    private static final Instant ISSUED = NOW.minus(Duration.ofDays(10));
    private static final Instant EXPIRES = NOW.plus(Duration.ofDays(355));

    private final TestVendor vendor;

    LicenseVerifierTest() throws Exception {
        vendor = TestVendor.vendor();
    }

    @Test
    void aLicenseSignedWithTheVendorKeyVerifiesEvenWhenReformatted() throws Exception {
        byte[] doc = vendor.sign(TestVendor.terms("L-7", List.of("hello", "audit"), 8, ISSUED, EXPIRES));
        LicenseStatus status = verifier(8).verify(doc);
        assertTrue(status.valid());
        assertEquals("L-7", status.license().id());
        assertEquals(List.of("hello", "audit"), status.license().features());

        ObjectMapper json = new ObjectMapper();
        byte[] compact = json.writeValueAsBytes(json.readTree(doc));
        assertEquals(LicensePhase.ACTIVE, verifier(8).verify(compact).phase());
    }

    @Test
    void aLicenseChangedAfterSigningIsRefused() throws Exception {
        byte[] doc = vendor.sign(TestVendor.terms("L-7", List.of("hello"), 8, ISSUED, EXPIRES));
        String tampered = new String(doc, StandardCharsets.UTF_8).replace("\"max_cores\" : 8", "\"max_cores\" : 800");
        assertTrue(tampered.contains("800"));
        LicenseException e = assertThrows(LicenseException.class,
                () -> verifier(8).verify(tampered.getBytes(StandardCharsets.UTF_8)));
        assertEquals("LICENSE_SIGNATURE_INVALID", e.code());
    }

    @Test
    void aLicenseSignedWithAnotherKeyIsRefused() throws Exception {
        byte[] doc = TestVendor.other().sign(TestVendor.terms("L-8", List.of("hello"), 8, ISSUED, EXPIRES));
        assertEquals("LICENSE_SIGNATURE_INVALID", assertThrows(LicenseException.class, () -> verifier(8).verify(doc)).code());
    }

    @Test
    void moreProcessorsThanTheLicenseAllowsAreRefusedWithTheNumbers() throws Exception {
        byte[] doc = vendor.sign(TestVendor.terms("L-9", List.of("hello"), 4, ISSUED, EXPIRES));
        assertTrue(verifier(4).verify(doc).valid());
        LicenseException e = assertThrows(LicenseException.class, () -> verifier(5).verify(doc));
        assertEquals("LICENSE_CORES_EXCEEDED", e.code());
        assertTrue(e.getMessage().startsWith("this node has 5 processors but the license allows 4"), e.getMessage());
    }

    @Test
    void aMachineBoundLicenseWorksOnlyOnThatMachine() throws Exception {
        ObjectNode terms = TestVendor.terms("L-10", List.of("hello"), 8, ISSUED, EXPIRES);
        terms.put("machine_fingerprint", "m-1");
        byte[] doc = vendor.sign(terms);
        assertTrue(verifier(2).verify(doc).valid());
        LicenseVerifier elsewhere = new LicenseVerifier(TestVendor.certificate(false), Clock.fixed(NOW, ZoneOffset.UTC), 2, "m-2");
        assertEquals("LICENSE_WRONG_MACHINE", assertThrows(LicenseException.class, () -> elsewhere.verify(doc)).code());
    }

    @Test
    void aLicenseIssuedInTheFutureIsNotYetValid() throws Exception {
        byte[] doc = vendor.sign(TestVendor.terms("L-11", List.of("hello"), 8, NOW.plusSeconds(3600), EXPIRES));
        assertEquals("LICENSE_NOT_YET_VALID", assertThrows(LicenseException.class, () -> verifier(2).verify(doc)).code());
    }

    @Test
    void malformedDocumentsAreRefusedWithAClearCode() throws Exception {
        for (String bad : List.of("not json", "{}", "{\"license\":{\"id\":\"x\"},\"signature\":\"AA==\"}",
                "{\"license\":{},\"algorithm\":\"RSA\",\"signature\":\"AA==\"}")) {
            LicenseException e = assertThrows(LicenseException.class,
                    () -> verifier(2).verify(bad.getBytes(StandardCharsets.UTF_8)), bad);
            assertEquals("LICENSE_MALFORMED", e.code(), bad);
        }
    }

    @Test
    void aReleaseBuildCarryingTheTestKeyUnlocksNothing() throws Exception {
        byte[] doc = vendor.sign(TestVendor.terms("L-12", List.of("hello"), 8, ISSUED, EXPIRES));
        LicenseVerifier release = new LicenseVerifier(TestVendor.certificate(true), Clock.fixed(NOW, ZoneOffset.UTC), 2, "m-1");
        assertEquals("LICENSE_KEY_UNUSABLE", assertThrows(LicenseException.class, () -> release.verify(doc)).code());
    }

    private LicenseVerifier verifier(int cores) throws Exception {
        return new LicenseVerifier(TestVendor.certificate(false), Clock.fixed(NOW, ZoneOffset.UTC), cores, "m-1");
    }
}
