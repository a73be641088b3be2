package io.cairn.vendor.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipFile;
import jdk.security.jarsigner.JarSigner;

/** JAR-signs an enterprise bundle with the vendor key (the JDK's jarsigner API). */
final class BundleSigning {
    private BundleSigning() {
    }

    /** Signs {@code bundle} into {@code signed}; refuses a JAR without a {@code Cairn-Feature} header. */
    static String sign(Path bundle, Path signed, VendorKeys keys) throws VendorToolException {
        String feature;
        try (JarFile jar = new JarFile(bundle.toFile())) {
            feature = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue("Cairn-Feature");
        } catch (IOException e) {
            throw new VendorToolException("cannot read " + bundle + " as a JAR: " + e.getMessage(), e);
        }
        if (feature == null || feature.isBlank()) {
            throw new VendorToolException(bundle + " has no Cairn-Feature manifest header: it is not an enterprise bundle");
        }
        try (ZipFile in = new ZipFile(bundle.toFile()); OutputStream out = Files.newOutputStream(signed)) {
            var chain = CertificateFactory.getInstance("X.509").generateCertPath(List.of(keys.certificate));
            JarSigner.Builder builder = new JarSigner.Builder(keys.key, chain);
            builder.signerName("CAIRN").build().sign(in, out);
        } catch (IOException | GeneralSecurityException | jdk.security.jarsigner.JarSignerException e) {
            throw new VendorToolException("cannot sign " + bundle + ": " + e.getMessage(), e);
        }
        return feature.trim();
    }
}
