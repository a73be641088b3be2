package io.cairn.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.access.Permission;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
    private static Permission needed(String method, String path) {
        return AccessPolicy.rule(method, path).orElseThrow().permission();
    }

    @Test
    void healthAndPingAreOpen() {
        for (String path : new String[] {"/api/v1/health", "/ping", "/health", "/api/v1/health/"}) {
            assertTrue(AccessPolicy.rule("GET", path).isEmpty(), path);
        }
        assertTrue(AccessPolicy.rule("HEAD", "/ping").isEmpty());
    }

    @Test
    void everyWriteEndpointNeedsWrite() {
        for (String path : new String[] {"/write", "/api/v2/write", "/api/v1/write", "/api/v1/write/line-protocol",
            "/api/v1/write/msgpack"}) {
            assertEquals(Permission.WRITE, needed("POST", path), path);
        }
    }

    @Test
    void queriesAndDiscoveryNeedRead() {
        assertEquals(Permission.READ, needed("POST", "/api/v1/query"));
        assertEquals(Permission.READ, needed("POST", "/api/v1/query/sql"));
        assertEquals(Permission.READ, needed("GET", "/api/v1/metrics"));
        assertEquals(Permission.READ, needed("GET", "/api/v1/metrics/cpu/dimensions/host/values"));
        assertEquals(Permission.READ, needed("POST", "/query"));
    }

    @Test
    void adminPathsAndTokenManagementNeedAdmin() {
        assertEquals(Permission.ADMIN, needed("GET", "/api/v1/admin/bundles"));
        assertEquals(Permission.ADMIN, needed("DELETE", "/api/v1/admin/bundles/7"));
        assertEquals(Permission.ADMIN, needed("GET", "/api/v1/auth/tokens"));
        assertEquals(Permission.ADMIN, needed("DELETE", "/api/v1/auth/tokens/abc"));
        assertEquals(Permission.ADMIN, needed("POST", "/api/v1/auth/tokens/abc/rotate"));
    }

    @Test
    void deletingDataNeedsDelete() {
        assertEquals(Permission.DELETE, needed("DELETE", "/api/v1/metrics/cpu"));
        assertEquals(Permission.DELETE, needed("POST", "/api/v2/delete"));
    }

    @Test
    void unknownPathsNeedReadToLookAndAdminToChange() {
        assertEquals(Permission.READ, needed("GET", "/api/v1/license"));
        assertEquals(Permission.ADMIN, needed("PUT", "/api/v1/license"));
        assertEquals(Permission.ADMIN, needed("DELETE", "/api/v1/license"));
        assertTrue(AccessPolicy.rule("DELETE", "/api/v1/license").orElseThrow().refusesTenants());
        assertTrue(AccessPolicy.rule("PUT", "/api/v1/license").orElseThrow().refusesTenants());
    }

    @Test
    void tenantsAreRefusedWhereTheirDataCannotBeScoped() {
        assertFalse(AccessPolicy.rule("POST", "/api/v1/query/sql").orElseThrow().refusesTenants());
        assertTrue(AccessPolicy.rule("GET", "/api/v1/admin/store").orElseThrow().refusesTenants());
        assertFalse(AccessPolicy.rule("POST", "/api/v1/query").orElseThrow().refusesTenants());
        assertFalse(AccessPolicy.rule("GET", "/api/v1/auth/tokens").orElseThrow().refusesTenants());
    }
}
