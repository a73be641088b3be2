package io.cairn.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.access.Permission;
import io.cairn.api.access.RoleGrant;
import io.cairn.api.access.RowFilter;
import io.cairn.api.access.TeamGrants;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate with an RBAC provider that comes and goes. */
class TeamGateTest {
    @TempDir
    Path dir;
    private TokenStore store;
    private final AtomicReference<TeamGrants> provider = new AtomicReference<>();
    private final FixedTeamGrants teams = new FixedTeamGrants()
            .team("analytics", GrantedAccessTest.role("metrics_*", Set.of(Permission.READ), GrantedAccessTest.PRODUCTION))
            .team("ops", GrantedAccessTest.role("*", Set.of(Permission.ADMIN), RowFilter.ALL));
    private RequestGate gate;

    @BeforeEach
    void setUp() throws Exception {
        store = new TokenStore(dir, Clock.systemUTC());
        gate = new RequestGate(store, null, new FailureLimiter(100, 60, System::nanoTime), provider::get);
    }

    private Decision call(String method, String path, String secret, String database) {
        return gate.decide(method, path, "Bearer " + secret, null, null, "10.0.0.1", database);
    }

    @Test
    void aTeamsReadLetsAWriteOnlyTokenQueryItsDatabasesAndTheEndpointGetsTheFineAccess() throws Exception {
        IssuedToken token = store.create("analyst", Set.of(Permission.WRITE), null);
        assertEquals(403, call("POST", "/api/v1/query", token.secret(), "metrics_a").status(), "no provider: own only");

        provider.set(teams);
        teams.addTeam(token.record().id(), "analytics");
        Decision d = call("POST", "/api/v1/query", token.secret(), "metrics_a");
        assertTrue(d.allowed());
        assertTrue(d.access().permits(Permission.READ, "metrics_a", "cpu"));
        assertFalse(d.access().permits(Permission.READ, "logs", "cpu"));
        assertEquals(GrantedAccessTest.PRODUCTION, d.access().rowFilter("metrics_a", "cpu"));
        assertTrue(call("GET", "/api/v1/metrics", token.secret(), null).allowed(), "some database is readable");
        assertEquals(403, call("POST", "/api/v1/query", token.secret(), "logs").status(), "the named database is not");
        assertTrue(call("POST", "/api/v1/write", token.secret(), "logs").allowed(), "its own write");
        assertEquals(403, call("GET", "/api/v1/license", token.secret(), null).status(), "not a data path");
        assertEquals(403, call("GET", "/api/v1/admin/store", token.secret(), null).status());
    }

    @Test
    void adminPathsNeedTheTokensOwnAdminEvenWithARoleWithAdminOnEveryDatabase() throws Exception {
        provider.set(teams);
        IssuedToken token = store.create("operator", Set.of(Permission.READ), null);
        assertEquals(403, call("POST", "/api/v1/auth/tokens", token.secret(), null).status());
        teams.addTeam(token.record().id(), "ops");
        assertEquals(403, call("POST", "/api/v1/auth/tokens", token.secret(), null).status(),
                "a role never lets a member mint tokens");
        assertEquals(403, call("GET", "/api/v1/admin/store", token.secret(), null).status());
        IssuedToken admin = store.create("admin", Set.of(Permission.ADMIN), null);
        assertTrue(call("POST", "/api/v1/auth/tokens", admin.secret(), null).allowed());
    }

    @Test
    void aDeletedTokenIsRefusedAtOnceEvenWithTeams() throws Exception {
        provider.set(teams);
        IssuedToken token = store.create("gone", Set.of(), null);
        teams.addTeam(token.record().id(), "ops");
        assertTrue(call("GET", "/api/v1/metrics", token.secret(), null).allowed());
        store.delete(token.record().id());
        assertEquals(401, call("GET", "/api/v1/metrics", token.secret(), null).status());
    }

    @Test
    void aFailingProviderLeavesTheTokensOwnPermissions() throws Exception {
        IssuedToken token = store.create("r", Set.of(Permission.READ), null);
        provider.set(new FixedTeamGrants() {
            @Override
            public synchronized List<RoleGrant> grants(String tokenId) {
                throw new IllegalStateException("database closed");
            }
        });
        assertTrue(call("POST", "/api/v1/query", token.secret(), "x").allowed());
        assertEquals(403, call("POST", "/api/v1/write", token.secret(), "x").status());
    }
}
