package io.cairn.vendor.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.enterprise.license.internal.LicenseCodec;
import io.cairn.enterprise.license.internal.LicenseException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Signs license terms with the vendor key: fills {@code id} and {@code issued} when absent, and
 * {@code expires} from a number of days, then writes the signed license document.
 */
final class LicenseSigning {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LicenseSigning() {
    }

    /** Returns the signed document for the terms (a JSON object), valid for {@code days} when it names no expiry. */
    static byte[] sign(byte[] termsJson, Integer days, VendorKeys keys, Instant now) throws VendorToolException {
        ObjectNode terms = readTerms(termsJson, days, now);
        try {
            Signature signature = Signature.getInstance(LicenseCodec.ALGORITHM);
            signature.initSign(keys.key);
            signature.update(LicenseCodec.canonical(terms));
            return LicenseCodec.document(terms, signature.sign());
        } catch (GeneralSecurityException e) {
            throw new VendorToolException("cannot sign with this key (it must be Ed25519): " + e.getMessage(), e);
        }
    }

    private static ObjectNode readTerms(byte[] json, Integer days, Instant now) throws VendorToolException {
        try {
            ObjectNode terms = (ObjectNode) JSON.readTree(json);
            if (!terms.hasNonNull("id")) {
                terms.put("id", "L-" + UUID.randomUUID());
            }
            if (!terms.hasNonNull("issued")) {
                terms.put("issued", now.toString());
            }
            if (!terms.hasNonNull("expires")) {
                if (days == null) {
                    throw new VendorToolException("the terms name no \"expires\": give --days");
                }
                terms.put("expires", Instant.parse(terms.get("issued").asText()).plus(Duration.ofDays(days)).toString());
            }
            LicenseCodec.readTerms(JSON.writeValueAsBytes(terms));
            return terms;
        } catch (LicenseException e) {
            throw new VendorToolException(e.getMessage(), e);
        } catch (IOException | ClassCastException e) {
            throw new VendorToolException("the terms must be a JSON object: " + e.getMessage(), e);
        }
    }
}
