package io.cairn.enterprise.license.internal;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import jdk.security.jarsigner.JarSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleSignatureTest {
    @TempDir
    Path dir;

    @Test
    void aJarSignedWithTheVendorKeyVerifies() throws Exception {
        Path signed = sign(TestVendor.vendor(), plainJar());
        assertNull(check(signed));
    }

    @Test
    void oneChangedByteInAnEntryIsDetected() throws Exception {
        Path signed = sign(TestVendor.vendor(), plainJar());
        Path tampered = rewrite(signed, "io/example/Feature.class", null, 'x', 'y');
        String problem = check(tampered);
        assertTrue(problem != null && problem.startsWith("the bundle was altered after signing"), problem);
    }

    @Test
    void anAddedEntryIsDetected() throws Exception {
        Path signed = sign(TestVendor.vendor(), plainJar());
        Path grown = rewrite(signed, null, "io/example/Extra.class", 'x', 'x');
        assertTrue(check(grown).contains("io/example/Extra.class is not signed by the vendor key"), check(grown));
    }

    @Test
    void unsignedAndForeignSignedJarsAreRefused() throws Exception {
        assertTrue(check(plainJar()).equals("the bundle is not signed"));
        Path foreign = sign(TestVendor.other(), plainJar());
        assertTrue(check(foreign).contains("is not signed by the vendor key"), check(foreign));
    }

    @Test
    void aReleaseBuildRefusesJarsSignedWithTheTestKey() throws Exception {
        Path signed = sign(TestVendor.vendor(), plainJar());
        String problem = new BundleSignature(TestVendor.certificate(true)).problem(signed.toFile());
        assertTrue(problem.contains("TEST vendor key"), problem);
    }

    private static String check(Path jar) throws IOException {
        return new BundleSignature(TestVendor.certificate(false)).problem(jar.toFile());
    }

    private Path plainJar() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Cairn-Feature", "hello");
        Path jar = Files.createTempFile(dir, "plain", ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new ZipEntry("io/example/Feature.class"));
            out.write("pretend class bytes: x marks the spot".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("OSGI-INF/feature.xml"));
            out.write("<component/>".getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private Path sign(TestVendor signer, Path jar) throws Exception {
        Path out = Files.createTempFile(dir, "signed", ".jar");
        var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(signer.certificate));
        try (ZipFile in = new ZipFile(jar.toFile()); OutputStream os = Files.newOutputStream(out)) {
            new JarSigner.Builder(signer.key, path).signerName("CAIRN").build().sign(in, os);
        }
        return out;
    }

    /** Copies a JAR, replacing the first {@code from} byte of {@code changed} by {@code to}, or adding an entry. */
    private Path rewrite(Path jar, String changed, String added, char from, char to) throws IOException {
        Path out = Files.createTempFile(dir, "rewritten", ".jar");
        try (ZipFile in = new ZipFile(jar.toFile()); ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                byte[] content = in.getInputStream(e).readAllBytes();
                if (e.getName().equals(changed)) {
                    String s = new String(content, StandardCharsets.ISO_8859_1);
                    content = s.replaceFirst(String.valueOf(from), String.valueOf(to)).getBytes(StandardCharsets.ISO_8859_1);
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(content);
            }
            if (added != null) {
                zip.putNextEntry(new ZipEntry(added));
                zip.write(Map.of().toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
