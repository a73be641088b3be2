package io.cairn.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.access.Permission;
import io.cairn.api.access.RoleGrant;
import io.cairn.api.access.RowFilter;
import io.cairn.api.model.Tags;
import io.cairn.api.store.TagPredicate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GrantedAccessTest {
    static final RowFilter PRODUCTION = RowFilter.of(List.of(new TagPredicate("env", Set.of("production"))));
    static final RowFilter EU = RowFilter.of(List.of(new TagPredicate("region", Set.of("eu"))));

    static RoleGrant role(String db, Set<Permission> permissions, RowFilter rows, RoleGrant.MeasurementGrant... ms) {
        return new RoleGrant("team", "role-" + db, db, permissions, List.of(ms), rows);
    }

    private static Principal token(Permission... own) {
        return new Principal("t1", "token", null, Set.of(own));
    }

    @Test
    void withoutGrantsTheTokensOwnPermissionsDecide() {
        GrantedAccess access = new GrantedAccess(token(Permission.READ), List.of());
        assertTrue(access.permits(Permission.READ, "any", "cpu"));
        assertFalse(access.permits(Permission.WRITE, "any", "cpu"));
        assertTrue(access.rowFilter("any", "cpu").isAll());
    }

    @Test
    void aRoleGrantsOnMatchingDatabasesAndMeasurementsAndTheOwnPermissionsStillCount() {
        RoleGrant writer = role("metrics_*", Set.of(Permission.READ, Permission.WRITE), RowFilter.ALL,
                new RoleGrant.MeasurementGrant("cpu*", Set.of(Permission.WRITE)));
        GrantedAccess access = new GrantedAccess(token(Permission.DELETE), List.of(writer));
        assertTrue(access.permits(Permission.WRITE, "metrics_a", "cpu_load"));
        assertFalse(access.permits(Permission.WRITE, "metrics_a", "mem"), "narrowed to cpu*");
        assertFalse(access.permits(Permission.READ, "metrics_a", "cpu"), "the measurement entry keeps only write");
        assertTrue(access.permits(Permission.WRITE, "metrics_a", null), "the database as a whole");
        assertFalse(access.permits(Permission.WRITE, "logs", "cpu"));
        assertTrue(access.permits(Permission.DELETE, "logs", "cpu"), "the token's own permission");
    }

    @Test
    void theRowFilterIsAllWithOwnReadOrAnUnrestrictedRoleElseTheUnionOfTheGrantingRoles() {
        RoleGrant prod = role("metrics", Set.of(Permission.READ), PRODUCTION);
        RoleGrant eu = role("metr*", Set.of(Permission.READ), EU);
        RoleGrant open = role("other", Set.of(Permission.READ), RowFilter.ALL);
        GrantedAccess access = new GrantedAccess(token(Permission.WRITE), List.of(prod, eu, open));

        RowFilter filter = access.rowFilter("metrics", "cpu");
        assertEquals(2, filter.alternatives().size());
        assertTrue(filter.matches(Tags.of(Map.of("env", "production", "region", "us"))));
        assertTrue(filter.matches(Tags.of(Map.of("env", "staging", "region", "eu"))));
        assertFalse(filter.matches(Tags.of(Map.of("env", "staging", "region", "us"))));

        assertTrue(access.rowFilter("other", "cpu").isAll());
        assertEquals(GrantedAccess.NOTHING, access.rowFilter("logs", "cpu"), "a measurement it cannot read shows no row");
        assertTrue(new GrantedAccess(token(Permission.READ), List.of(prod)).rowFilter("metrics", "cpu").isAll(),
                "the token's own read sees every row");
    }

    @Test
    void aTenantIsJudgedOnItsOwnDatabasesUnderTheNamesItGaveThem() {
        Principal tenant = new Principal("t2", "token", "acme", Set.of(Permission.WRITE));
        GrantedAccess access = new GrantedAccess(tenant, List.of(role("metrics", Set.of(Permission.READ), PRODUCTION)));
        assertTrue(access.permits(Permission.WRITE, "acme__logs", "x"));
        assertFalse(access.permits(Permission.WRITE, "other__logs", "x"));
        assertTrue(access.permits(Permission.READ, "acme__metrics", "cpu"));
        assertFalse(access.permits(Permission.READ, "acme__logs", "cpu"));
        assertEquals(PRODUCTION, access.rowFilter("acme__metrics", "cpu"));
    }

    @Test
    void dataPathsOpenToAGrantOnTheNamedOrSomeDatabaseAndOtherPathsOnlyToOwnPermissions() {
        GrantedAccess reader = new GrantedAccess(token(Permission.WRITE),
                List.of(role("metrics_*", Set.of(Permission.READ), PRODUCTION)));
        assertTrue(reader.mayEnter(Permission.READ, true, null));
        assertTrue(reader.mayEnter(Permission.READ, true, "metrics_x"));
        assertFalse(reader.mayEnter(Permission.READ, true, "logs"));
        assertFalse(reader.mayEnter(Permission.READ, false, null));
        assertFalse(reader.mayEnter(Permission.ADMIN, false, null));

        GrantedAccess admin = new GrantedAccess(token(Permission.READ),
                List.of(role("*", Set.of(Permission.ADMIN), RowFilter.ALL)));
        assertFalse(admin.mayEnter(Permission.ADMIN, false, null), "a role never makes an admin");
        assertTrue(new GrantedAccess(token(Permission.ADMIN), List.of()).mayEnter(Permission.ADMIN, false, null));
        GrantedAccess partialAdmin = new GrantedAccess(token(Permission.READ),
                List.of(role("metrics", Set.of(Permission.ADMIN), RowFilter.ALL)));
        assertFalse(partialAdmin.mayEnter(Permission.ADMIN, false, null));
    }
}
