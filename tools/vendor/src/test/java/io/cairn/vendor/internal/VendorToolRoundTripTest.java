package io.cairn.vendor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.enterprise.license.internal.BundleSignature;
import io.cairn.enterprise.license.internal.LicenseStatus;
import io.cairn.enterprise.license.internal.LicenseVerifier;
import io.cairn.enterprise.license.internal.VendorCertificate;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VendorToolRoundTripTest {
    private static final Instant NOW = Instant.parse("2027-02-01T00:00:00Z");
    private static final Map<String, String> ENV = Map.of("CAIRN_VENDOR_STOREPASS", "round-trip");

    @TempDir
    static Path dir;
    static Path keystore;
    static Path cert;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void makeKeys() {
        keystore = dir.resolve("vendor.p12");
        cert = dir.resolve("vendor.pem");
        assertEquals(0, new VendorTool(new PrintStream(new ByteArrayOutputStream()), ENV, Clock.systemUTC()).run(
                new String[] {"keygen", "--keystore", keystore.toString(), "--alias", "v", "--cert", cert.toString()},
                System.err));
    }

    @Test
    void aSignedLicenseVerifiesAgainstTheNewCertificateAndATamperedOneDoesNot() throws Exception {
        Path terms = Files.writeString(dir.resolve("terms.json"), "{\"customer\":\"Example Corp\",\"tier\":\"enterprise\","
                + "\"features\":[\"hello\"],\"max_cores\":16,\"max_nodes\":3}");
        Path license = dir.resolve("license.json");
        assertEquals(0, run("sign-license", "--keystore", keystore.toString(), "--alias", "v", "--terms", terms.toString(),
                "--out", license.toString(), "--days", "365"), err.toString());

        LicenseStatus status;
        try (InputStream in = Files.newInputStream(cert)) {
            status = new LicenseVerifier(VendorCertificate.read(in, false), Clock.fixed(NOW, ZoneOffset.UTC), 4, "m")
                    .verify(Files.readAllBytes(license));
        }
        assertEquals("Example Corp", status.license().customer());
        assertTrue(status.unlocks("hello"));
        assertEquals(NOW.plusSeconds(365L * 86_400), status.license().expires());

        assertEquals(0, run("verify", "--cert", cert.toString(), "--license", license.toString()), err.toString());
        assertTrue(out.toString().contains("verifies; phase active, 365 days remaining"), out.toString());

        Files.writeString(license, Files.readString(license).replace("Example Corp", "Example Corq"));
        assertEquals(1, run("verify", "--cert", cert.toString(), "--license", license.toString()));
        assertTrue(err.toString().startsWith("error: LICENSE_SIGNATURE_INVALID"), err.toString());
    }

    @Test
    void aSignedBundleVerifiesAndAJarWithoutFeatureIsNotSigned() throws Exception {
        Path bundle = jar("bundle.jar", "hello");
        Path signed = dir.resolve("bundle-signed.jar");
        assertEquals(0, run("sign-bundle", "--keystore", keystore.toString(), "--alias", "v", "--in", bundle.toString(),
                "--out", signed.toString()), err.toString());
        try (InputStream in = Files.newInputStream(cert)) {
            assertEquals(null, new BundleSignature(VendorCertificate.read(in, false)).problem(signed.toFile()));
        }
        assertEquals(0, run("verify", "--cert", cert.toString(), "--bundle", signed.toString()));
        assertEquals(1, run("verify", "--cert", cert.toString(), "--bundle", bundle.toString()));

        Path open = jar("open.jar", null);
        assertEquals(1, run("sign-bundle", "--keystore", keystore.toString(), "--alias", "v", "--in", open.toString(),
                "--out", dir.resolve("x.jar").toString()));
        assertTrue(err.toString().contains("has no Cairn-Feature manifest header"), err.toString());
    }

    @Test
    void keygenNeverOverwritesAKeyAndMissingOptionsAreNamed() {
        assertEquals(1, run("keygen", "--keystore", keystore.toString(), "--alias", "v", "--cert", cert.toString()));
        assertTrue(err.toString().contains("a vendor key is never overwritten"), err.toString());
        assertEquals(1, run("sign-license", "--keystore", keystore.toString(), "--alias", "v"));
        assertTrue(err.toString().contains("missing --terms"), err.toString());
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return new VendorTool(new PrintStream(out, true, StandardCharsets.UTF_8), ENV, Clock.fixed(NOW, ZoneOffset.UTC))
                .run(args, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Path jar(String name, String feature) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (feature != null) {
            manifest.getMainAttributes().putValue("Cairn-Feature", feature);
        }
        Path jar = dir.resolve(name);
        try (JarOutputStream o = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            o.putNextEntry(new ZipEntry("io/example/Thing.class"));
            o.write(new byte[] {1, 2, 3});
        }
        return jar;
    }
}
