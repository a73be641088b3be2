package io.cairn.enterprise.license.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * The vendor certificate built into the license bundle: its public key checks license signatures
 * and enterprise bundle JAR signatures. A release build that carries the TEST certificate is unusable.
 */
public final class VendorCertificate {
    /** SHA-256 of the TEST public key (bundles/enterprise/test-keys): a release build refuses it. */
    static final String TEST_KEY_SHA256 = "67f489881ff1a35318a0401972f5237355818e9acb3d942753f8873545f10530";

    private final X509Certificate certificate;
    private final String unusableBecause;

    private VendorCertificate(X509Certificate certificate, String unusableBecause) {
        this.certificate = certificate;
        this.unusableBecause = unusableBecause;
    }

    /** Reads a PEM or DER certificate; {@code releaseBuild} refuses the TEST key. */
    public static VendorCertificate read(InputStream in, boolean releaseBuild) throws IOException {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(in.readAllBytes()));
            boolean testKey = TEST_KEY_SHA256.equals(fingerprint(cert.getPublicKey()));
            return new VendorCertificate(cert, releaseBuild && testKey
                    ? "this release build carries the TEST vendor key; it unlocks nothing" : null);
        } catch (GeneralSecurityException e) {
            throw new IOException("not an X.509 certificate: " + e.getMessage(), e);
        }
    }

    /** SHA-256 of a public key's encoded form, in hex. */
    public static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The vendor's public key. */
    public PublicKey publicKey() {
        return certificate.getPublicKey();
    }

    /** Whether a JAR signer's certificate is this vendor certificate (same public key). */
    public boolean isVendor(Certificate signer) {
        return signer.getPublicKey().equals(certificate.getPublicKey());
    }

    /** Why nothing may be unlocked with this certificate, or null when it is usable. */
    public String unusableBecause() {
        return unusableBecause;
    }
}
