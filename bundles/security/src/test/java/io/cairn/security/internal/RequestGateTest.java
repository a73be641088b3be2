package io.cairn.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.cairn.api.access.Permission;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestGateTest {
    private static final String SECRET = "a-shared-secret-of-at-least-32-bytes!";
    @TempDir
    Path dir;
    private TokenStore store;
    private RequestGate gate;
    private final AtomicLong nanos = new AtomicLong();

    @BeforeEach
    void setUp() throws Exception {
        store = new TokenStore(dir, Clock.systemUTC());
        gate = new RequestGate(store, JwtVerifier.hs256(SECRET, Clock.systemUTC()), new FailureLimiter(3, 60, nanos::get));
    }

    private Decision bearer(String method, String path, String token) {
        return gate.decide(method, path, "Bearer " + token, null, null, "10.0.0.9");
    }

    @Test
    void openPathsPassWithoutACredential() {
        Decision d = gate.decide("GET", "/api/v1/health", null, null, null, "10.0.0.9");
        assertTrue(d.allowed());
        assertNull(d.principal());
    }

    @Test
    void aMissingOrBadCredentialIs401() {
        Decision missing = gate.decide("POST", "/api/v1/query", null, null, null, "10.0.0.9");
        assertEquals(401, missing.status());
        assertEquals("UNAUTHORIZED", missing.code());
        assertEquals(401, bearer("POST", "/api/v1/query", "cairn_nope").status());
    }

    @Test
    void aTokenWithoutThePermissionIs403AndWithItPasses() throws Exception {
        String reader = store.create("r", Set.of(Permission.READ), null).secret();
        Decision refused = bearer("POST", "/api/v1/write", reader);
        assertEquals(403, refused.status());
        assertEquals("FORBIDDEN", refused.code());
        Decision allowed = bearer("POST", "/api/v1/query", reader);
        assertTrue(allowed.allowed());
        assertEquals(Set.of(Permission.READ), allowed.principal().permissions());
        assertEquals(403, bearer("GET", "/api/v1/auth/tokens", reader).status());
    }

    @Test
    void aTenantTokenIsRefusedWhereTenantsCannotBeScoped() throws Exception {
        String tenantAdmin = store.create("t", Set.of(Permission.ADMIN), "acme").secret();
        assertEquals("acme", bearer("POST", "/api/v1/query/sql", tenantAdmin).principal().tenant());
        assertEquals(403, bearer("GET", "/api/v1/admin/bundles", tenantAdmin).status());
        assertEquals("acme", bearer("POST", "/api/v1/query", tenantAdmin).principal().tenant());
    }

    @Test
    void jwtsAreProvenByTheVerifier() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .claim("tenant_id", "t1").claim("scopes", "write")
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        jwt.sign(new MACSigner(SECRET));
        Decision d = gate.decide("POST", "/api/v2/write", "Token " + jwt.serialize(), null, null, "10.0.0.9");
        assertTrue(d.allowed());
        assertEquals("t1", d.principal().tenant());
        assertEquals("jwt", d.principal().kind());
        assertEquals(403, gate.decide("POST", "/api/v1/query", null, jwt.serialize(), null, "10.0.0.9").status());
    }

    @Test
    void repeatedFailuresFromOneAddressGet429EvenWithAGoodToken() throws Exception {
        String admin = store.create("a", Set.of(Permission.ADMIN), null).secret();
        for (int i = 0; i < 3; i++) {
            assertEquals(401, bearer("POST", "/api/v1/query", "wrong" + i).status());
        }
        Decision slowed = bearer("POST", "/api/v1/query", admin);
        assertEquals(429, slowed.status());
        assertEquals(20, slowed.retryAfterSeconds());
        assertTrue(gate.decide("POST", "/api/v1/query", "Bearer " + admin, null, null, "10.0.0.10").allowed());
        nanos.addAndGet(20_000_000_000L);
        assertTrue(bearer("POST", "/api/v1/query", admin).allowed());
    }
}
