package io.cairn.enterprise.license.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/** The TEST vendor keys under bundles/enterprise/test-keys, and licenses signed with them. */
final class TestVendor {
    static final Path KEYS = Path.of("..", "test-keys");
    static final char[] PASSWORD = "test-only".toCharArray();

    final PrivateKey key;
    final X509Certificate certificate;

    private TestVendor(String file, String alias) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(KEYS.resolve(file).toFile())) {
            store.load(in, PASSWORD);
        }
        key = (PrivateKey) store.getKey(alias, PASSWORD);
        certificate = (X509Certificate) store.getCertificate(alias);
    }

    static TestVendor vendor() throws Exception {
        return new TestVendor("test-vendor-keystore.p12", "cairn-vendor-test");
    }

    static TestVendor other() throws Exception {
        return new TestVendor("other-vendor-keystore.p12", "other-vendor");
    }

    /** The certificate the license bundle embeds, as a normal (test) build or as a release build. */
    static VendorCertificate certificate(boolean releaseBuild) throws IOException {
        try (InputStream in = Files.newInputStream(KEYS.resolve("test-vendor-cert.pem"))) {
            return VendorCertificate.read(in, releaseBuild);
        }
    }

    static ObjectNode terms(String id, List<String> features, int maxCores, Instant issued, Instant expires) {
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.put("id", id);
        n.put("customer", "Example Corp");
        n.put("tier", "enterprise");
        features.forEach(n.putArray("features")::add);
        n.put("max_cores", maxCores);
        n.put("max_nodes", 3);
        n.put("issued", issued.toString());
        n.put("expires", expires.toString());
        return n;
    }

    byte[] sign(ObjectNode terms) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(key);
        s.update(LicenseCodec.canonical(terms));
        return LicenseCodec.document(terms, s.sign());
    }
}
