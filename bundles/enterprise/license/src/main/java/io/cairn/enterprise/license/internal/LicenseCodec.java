package io.cairn.enterprise.license.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes license documents {@code {"license":{...},"algorithm":"Ed25519","signature":"<base64>"}};
 * the signature covers the canonical form of {@code license}: its JSON with object keys sorted and no
 * whitespace, so a document may be reformatted without breaking it.
 */
public final class LicenseCodec {
    /** The only signature algorithm Cairn accepts. */
    public static final String ALGORITHM = "Ed25519";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private LicenseCodec() {
    }

    /** Parses a signed license document; does not check the signature. */
    public static SignedLicense parse(byte[] document) throws LicenseException {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (IOException e) {
            throw malformed("the license is not JSON: " + e.getMessage());
        }
        if (root == null || !root.path("license").isObject()) {
            throw malformed("the license document needs a \"license\" object and a \"signature\"");
        }
        String algorithm = root.path("algorithm").asText(ALGORITHM);
        if (!ALGORITHM.equals(algorithm)) {
            throw malformed("unsupported signature algorithm " + algorithm + "; licenses are signed with " + ALGORITHM);
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(root.path("signature").asText(""));
        } catch (IllegalArgumentException e) {
            throw malformed("the signature is not base64");
        }
        JsonNode terms = root.get("license");
        return new SignedLicense(terms(terms), canonical(terms), signature);
    }

    /** The bytes a signature covers: the license object's JSON with keys sorted, without whitespace. */
    public static byte[] canonical(JsonNode license) {
        try {
            return CANONICAL.writeValueAsBytes(CANONICAL.convertValue(license, Map.class));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the signed document for a license object and its signature. */
    public static byte[] document(JsonNode license, byte[] signature) {
        ObjectNode root = JSON.createObjectNode();
        root.set("license", license);
        root.put("algorithm", ALGORITHM);
        root.put("signature", Base64.getEncoder().encodeToString(signature));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a license object (the unsigned terms) from JSON. */
    public static JsonNode readTerms(byte[] json) throws LicenseException {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw malformed("the license terms must be a JSON object");
            }
            terms(node);
            return node;
        } catch (IOException e) {
            throw malformed("the license terms are not JSON: " + e.getMessage());
        }
    }

    private static License terms(JsonNode n) throws LicenseException {
        List<String> features = new ArrayList<>();
        for (JsonNode f : n.path("features")) {
            features.add(f.asText());
        }
        String fingerprint = n.path("machine_fingerprint").asText(null);
        return new License(text(n, "id"), text(n, "customer"), text(n, "tier"), features,
                positive(n, "max_cores"), positive(n, "max_nodes"), instant(n, "issued"), instant(n, "expires"),
                fingerprint == null || fingerprint.isBlank() ? null : fingerprint);
    }

    private static String text(JsonNode n, String field) throws LicenseException {
        String value = n.path(field).asText("");
        if (value.isBlank()) {
            throw malformed("the license has no \"" + field + "\"");
        }
        return value;
    }

    private static int positive(JsonNode n, String field) throws LicenseException {
        JsonNode value = n.get(field);
        if (value == null || !value.canConvertToInt() || value.asInt() < 1) {
            throw malformed("the license's \"" + field + "\" must be a positive integer");
        }
        return value.asInt();
    }

    private static Instant instant(JsonNode n, String field) throws LicenseException {
        try {
            return Instant.parse(text(n, field));
        } catch (DateTimeParseException e) {
            throw malformed("the license's \"" + field + "\" must be an ISO-8601 instant such as 2027-01-31T00:00:00Z");
        }
    }

    private static LicenseException malformed(String message) {
        return new LicenseException("LICENSE_MALFORMED", message);
    }
}
