package io.cairn.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.cairn.api.access.Permission;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JwtVerifierTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef-test";
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static JWTClaimsSet.Builder claims(Instant exp) {
        return new JWTClaimsSet.Builder().subject("svc").claim("tenant_id", "acme")
                .claim("scopes", List.of("read", "write", "openid")).expirationTime(Date.from(exp));
    }

    private static String sign(JWSAlgorithm alg, JWSSigner signer, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String pem(KeyPair pair) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    @Test
    void aValidHs256TokenGivesTenantAndScopes() throws Exception {
        String token = sign(JWSAlgorithm.HS256, new MACSigner(SECRET), claims(NOW.plusSeconds(600)).build());
        assertTrue(JwtVerifier.looksLikeJwt(token));
        Principal p = JwtVerifier.hs256(SECRET, CLOCK).verify(token);
        assertEquals("jwt:svc", p.id());
        assertEquals("acme", p.tenant());
        assertEquals(Set.of(Permission.READ, Permission.WRITE), p.permissions());
    }

    @Test
    void scopesMayBeASpaceSeparatedStringAndTenantMayBeAbsent() throws Exception {
        JWTClaimsSet c = new JWTClaimsSet.Builder().claim("scopes", "read admin").expirationTime(Date.from(NOW.plusSeconds(60))).build();
        Principal p = JwtVerifier.hs256(SECRET, CLOCK).verify(sign(JWSAlgorithm.HS256, new MACSigner(SECRET), c));
        assertNull(p.tenant());
        assertTrue(p.has(Permission.DELETE));
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String token = sign(JWSAlgorithm.HS256, new MACSigner(SECRET), claims(NOW.minusSeconds(120)).build());
        var e = assertThrows(JwtVerifier.JwtRejectedException.class, () -> JwtVerifier.hs256(SECRET, CLOCK).verify(token));
        assertEquals("JWT has expired", e.getMessage());
    }

    @Test
    void aTokenWithoutExpIsRefused() throws Exception {
        JWTClaimsSet c = new JWTClaimsSet.Builder().claim("scopes", "read").build();
        String token = sign(JWSAlgorithm.HS256, new MACSigner(SECRET), c);
        assertThrows(JwtVerifier.JwtRejectedException.class, () -> JwtVerifier.hs256(SECRET, CLOCK).verify(token));
    }

    @Test
    void aWrongSignatureIsRefused() throws Exception {
        String token = sign(JWSAlgorithm.HS256, new MACSigner(SECRET + "-other"), claims(NOW.plusSeconds(600)).build());
        var e = assertThrows(JwtVerifier.JwtRejectedException.class, () -> JwtVerifier.hs256(SECRET, CLOCK).verify(token));
        assertEquals("JWT signature does not verify", e.getMessage());
        String tampered = sign(JWSAlgorithm.HS256, new MACSigner(SECRET), claims(NOW.plusSeconds(600)).build());
        String[] parts = tampered.split("\\.");
        String otherTenant = Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims(NOW.plusSeconds(600)).claim("tenant_id", "evil").build().toString().getBytes(StandardCharsets.UTF_8));
        assertThrows(JwtVerifier.JwtRejectedException.class,
                () -> JwtVerifier.hs256(SECRET, CLOCK).verify(parts[0] + "." + otherTenant + "." + parts[2]));
    }

    @Test
    void aTokenSignedWithAnotherAlgorithmIsRefused() throws Exception {
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        JwtVerifier verifier = JwtVerifier.publicKey(pem(rsa), CLOCK);
        assertEquals(JWSAlgorithm.RS256, verifier.algorithm());
        // the classic confusion: HS256 with the public key as the shared secret
        String confused = sign(JWSAlgorithm.HS256, new MACSigner(pem(rsa).getBytes(StandardCharsets.UTF_8)),
                claims(NOW.plusSeconds(600)).build());
        var e = assertThrows(JwtVerifier.JwtRejectedException.class, () -> verifier.verify(confused));
        assertEquals("JWT algorithm HS256 is not accepted", e.getMessage());
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                + "." + confused.split("\\.")[1] + ".";
        assertThrows(JwtVerifier.JwtRejectedException.class, () -> verifier.verify(unsigned));
    }

    @Test
    void rs256AndEs256TokensVerifyWithTheirPublicKeys() throws Exception {
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        String rsToken = sign(JWSAlgorithm.RS256, new RSASSASigner(rsa.getPrivate()), claims(NOW.plusSeconds(60)).build());
        assertEquals("acme", JwtVerifier.publicKey(pem(rsa), CLOCK).verify(rsToken).tenant());

        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = ec.generateKeyPair();
        String esToken = sign(JWSAlgorithm.ES256, new ECDSASigner((ECPrivateKey) pair.getPrivate()), claims(NOW.plusSeconds(60)).build());
        JwtVerifier verifier = JwtVerifier.publicKey(pem(pair), CLOCK);
        assertEquals(JWSAlgorithm.ES256, verifier.algorithm());
        assertEquals(Set.of(Permission.READ, Permission.WRITE), verifier.verify(esToken).permissions());
        assertThrows(JwtVerifier.JwtRejectedException.class, () -> verifier.verify(rsToken));
    }

    @Test
    void anInvalidTenantIdIsRefused() throws Exception {
        String token = sign(JWSAlgorithm.HS256, new MACSigner(SECRET), claims(NOW.plusSeconds(60)).claim("tenant_id", "a__b").build());
        assertThrows(JwtVerifier.JwtRejectedException.class, () -> JwtVerifier.hs256(SECRET, CLOCK).verify(token));
    }

    @Test
    void aShortHs256SecretIsRefusedAtConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> JwtVerifier.hs256("short", CLOCK));
    }
}
