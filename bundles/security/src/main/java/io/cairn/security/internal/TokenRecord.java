package io.cairn.security.internal;

import io.cairn.api.access.Permission;
import java.time.Instant;
import java.util.Set;

/** A stored API token: never its secret, only the SHA-256 digest of it. */
record TokenRecord(String id, String name, byte[] sha256, Set<Permission> permissions, String tenant,
        Instant created, Instant rotated) {

    /** Returns the principal a request proving this token acts as. */
    Principal principal() {
        return new Principal(id, "token", tenant, permissions);
    }

    /** Returns a copy with a new digest and rotation time. */
    TokenRecord withSecret(byte[] digest, Instant now) {
        return new TokenRecord(id, name, digest, permissions, tenant, created, now);
    }
}
