package io.cairn.enterprise.license.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.security.CodeSigner;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Verifies that every entry of a JAR is signed by the vendor certificate, that no entry was added or
 * removed since signing, and that no byte changed (the JDK's JAR verification over the whole content).
 */
public final class BundleSignature {
    private final VendorCertificate vendor;

    /** Creates a check against the vendor certificate. */
    public BundleSignature(VendorCertificate vendor) {
        this.vendor = vendor;
    }

    /** Returns null when the JAR verifies, else why it does not. */
    public String problem(File jar) {
        if (vendor.unusableBecause() != null) {
            return vendor.unusableBecause();
        }
        try (JarFile file = new JarFile(jar, true)) {
            Manifest manifest = file.getManifest();
            if (manifest == null || manifest.getEntries().isEmpty()) {
                return "the bundle is not signed";
            }
            Set<String> signedNames = new HashSet<>(manifest.getEntries().keySet());
            byte[] buffer = new byte[8192];
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements();) {
                JarEntry entry = entries.nextElement();
                try (InputStream in = file.getInputStream(entry)) {
                    while (in.read(buffer) >= 0) {
                        // reading to the end makes the JDK compare the entry's digest
                    }
                }
                if (entry.isDirectory() || isSignatureFile(entry.getName())) {
                    continue;
                }
                if (!signedByVendor(entry.getCodeSigners())) {
                    return "entry " + entry.getName() + " is not signed by the vendor key";
                }
                signedNames.remove(entry.getName());
            }
            return signedNames.isEmpty() ? null : "signed entries are missing: " + signedNames;
        } catch (SecurityException e) {
            return "the bundle was altered after signing: " + e.getMessage();
        } catch (IOException e) {
            return "the bundle cannot be read as a signed JAR: " + e.getMessage();
        }
    }

    private boolean signedByVendor(CodeSigner[] signers) {
        if (signers == null) {
            return false;
        }
        for (CodeSigner signer : signers) {
            if (!signer.getSignerCertPath().getCertificates().isEmpty()
                    && vendor.isVendor(signer.getSignerCertPath().getCertificates().get(0))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSignatureFile(String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return upper.equals("META-INF/MANIFEST.MF") || upper.startsWith("META-INF/")
                && (upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA") || upper.endsWith(".EC"));
    }
}
