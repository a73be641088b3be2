package io.cairn.security.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.cairn.api.access.Permission;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies JWTs signed with the one algorithm configured (HS256 with a shared secret, or RS256 /
 * ES256 with a public key) and turns their {@code tenant_id} and {@code scopes} claims into a
 * principal; {@code exp} is required.
 */
final class JwtVerifier {
    /** Tolerated clock difference between the issuer and Cairn. */
    static final Duration SKEW = Duration.ofSeconds(30);

    private final JWSAlgorithm algorithm;
    private final JWSVerifier verifier;
    private final Clock clock;

    private JwtVerifier(JWSAlgorithm algorithm, JWSVerifier verifier, Clock clock) {
        this.algorithm = algorithm;
        this.verifier = verifier;
        this.clock = clock;
    }

    /**
     * Returns a verifier of HS256 tokens.
     *
     * @throws IllegalArgumentException when the secret is shorter than 32 bytes
     */
    static JwtVerifier hs256(String secret, Clock clock) {
        try {
            return new JwtVerifier(JWSAlgorithm.HS256, new MACVerifier(secret.getBytes(StandardCharsets.UTF_8)), clock);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the HS256 secret must have at least 32 bytes", e);
        }
    }

    /**
     * Returns a verifier of RS256 tokens (for an RSA key) or ES256 tokens (for a P-256 key), from a
     * PEM or base64 X.509 public key.
     *
     * @throws IllegalArgumentException when the key cannot be read
     */
    static JwtVerifier publicKey(String pem, Clock clock) {
        PublicKey key = readKey(pem);
        try {
            if (key instanceof RSAPublicKey rsa) {
                return new JwtVerifier(JWSAlgorithm.RS256, new RSASSAVerifier(rsa), clock);
            }
            return new JwtVerifier(JWSAlgorithm.ES256, new ECDSAVerifier((ECPublicKey) key), clock);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the JWT public key is not usable for ES256: " + e.getMessage(), e);
        }
    }

    /** Returns the algorithm this verifier accepts. */
    JWSAlgorithm algorithm() {
        return algorithm;
    }

    /** Returns whether a presented secret has the shape of a JWT (three base64url parts, a JSON header). */
    static boolean looksLikeJwt(String secret) {
        return secret.startsWith("eyJ") && secret.chars().filter(c -> c == '.').count() == 2;
    }

    /**
     * Returns the principal a token proves.
     *
     * @throws JwtRejectedException with a message fit for the client when the token is refused
     */
    Principal verify(String token) {
        JWTClaimsSet claims;
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!algorithm.equals(jwt.getHeader().getAlgorithm())) {
                throw new JwtRejectedException("JWT algorithm " + jwt.getHeader().getAlgorithm() + " is not accepted");
            }
            if (!jwt.verify(verifier)) {
                throw new JwtRejectedException("JWT signature does not verify");
            }
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException e) {
            throw new JwtRejectedException("JWT cannot be read");
        }
        Instant now = clock.instant();
        if (claims.getExpirationTime() == null) {
            throw new JwtRejectedException("JWT has no exp claim");
        }
        if (claims.getExpirationTime().toInstant().plus(SKEW).isBefore(now)) {
            throw new JwtRejectedException("JWT has expired");
        }
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().minus(SKEW).isAfter(now)) {
            throw new JwtRejectedException("JWT is not valid yet");
        }
        return new Principal("jwt:" + (claims.getSubject() == null ? "anonymous" : claims.getSubject()), "jwt",
                tenant(claims), scopes(claims.getClaim("scopes")));
    }

    private static String tenant(JWTClaimsSet claims) {
        Object tenant = claims.getClaim("tenant_id");
        if (tenant == null) {
            return null;
        }
        if (!(tenant instanceof String s) || !Tenants.isValid(s)) {
            throw new JwtRejectedException("JWT tenant_id is invalid: " + Tenants.rule());
        }
        return s;
    }

    /** Reads {@code scopes} as a list or a space-separated string; unknown scopes are ignored. */
    private static Set<Permission> scopes(Object claim) {
        List<String> labels = new ArrayList<>();
        if (claim instanceof String s) {
            labels.addAll(List.of(s.trim().split("\\s+")));
        } else if (claim instanceof List<?> list) {
            list.forEach(o -> labels.add(String.valueOf(o)));
        }
        Set<Permission> set = EnumSet.noneOf(Permission.class);
        labels.forEach(l -> PermissionLabels.parse(l).ifPresent(set::add));
        return set;
    }

    private static PublicKey readKey(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the JWT public key is not base64 PEM", e);
        }
        for (String type : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException tryNext) {
                // not this key type
            }
        }
        throw new IllegalArgumentException("the JWT public key is neither an RSA nor an EC X.509 public key");
    }

    /** A JWT that is refused, with the reason to tell the client. */
    static final class JwtRejectedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JwtRejectedException(String message) {
            super(message);
        }
    }
}
