package io.cairn.itests;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Licenses signed with the TEST vendor key, as the vendor tool writes them, and the signed enterprise jars. */
final class Licenses {
    /** The system property naming the TEST vendor key store. */
    static final String KEYSTORE = "cairn.itest.vendor.keystore";

    private Licenses() {
    }

    /** Returns the TEST vendor key store's path (relative to the itests module when the property is unset). */
    static String keystore() {
        return System.getProperty(KEYSTORE,
                new File("../bundles/enterprise/test-keys/test-vendor-keystore.p12").getAbsolutePath());
    }

    /** Returns a license naming features that expires at a time, signed with the TEST vendor key. */
    static byte[] signed(String id, Instant expires, String... features) throws Exception {
        Map<String, Object> terms = new LinkedHashMap<>();
        terms.put("id", id);
        terms.put("customer", "Cairn integration tests");
        terms.put("tier", "enterprise");
        terms.put("features", List.of(features));
        terms.put("max_cores", 1024);
        terms.put("max_nodes", 3);
        terms.put("issued", expires.minus(Duration.ofDays(365)).toString());
        terms.put("expires", expires.toString());
        ObjectMapper canonical = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore())) {
            store.load(in, "test-only".toCharArray());
        }
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign((PrivateKey) store.getKey("cairn-vendor-test", "test-only".toCharArray()));
        signature.update(canonical.writeValueAsBytes(terms));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("license", terms);
        document.put("algorithm", "Ed25519");
        document.put("signature", Base64.getEncoder().encodeToString(signature.sign()));
        return canonical.writeValueAsBytes(document);
    }

    /** Returns the path of the signed jar (a test dependency of this module) that holds a class. */
    static String jarOf(String classResource) throws IOException {
        URL url = Licenses.class.getClassLoader().getResource(classResource);
        if (url == null || !url.getProtocol().equals("jar")) {
            throw new IOException(classResource + " must come from a test dependency packaged as a jar, found " + url);
        }
        String file = url.getPath().substring(0, url.getPath().indexOf("!/"));
        return new File(URI.create(file)).getAbsolutePath();
    }
}
