package io.cairn.enterprise.rbac.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.access.Permission;
import io.cairn.api.access.RoleGrant;
import io.cairn.api.access.RowFilter;
import io.cairn.api.store.TagPredicate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class RbacStoreTest {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("rbac").resolve("rbac.json");
    }

    @Test
    void createsReadsUpdatesAndDeletesEachKind() throws IOException {
        RbacStore store = new RbacStore(file());
        Organization org = store.createOrganization("acme", "the customer");
        Team team = store.createTeam(org.id(), "analytics", null);
        Role role = store.createRole(team.id(), "metrics_*", List.of("read"), "env = 'production'");
        MeasurementPermission mp = store.createMeasurement(role.id(), "cpu*", List.of("READ", "write"));

        assertTrue(org.id().startsWith("org_") && team.id().startsWith("team_") && role.id().startsWith("role_")
                && mp.id().startsWith("mp_"));
        assertEquals("", team.description());
        assertEquals(Set.of(Permission.READ, Permission.WRITE), mp.permissions());
        assertEquals(List.of(team), store.data().teamsOf(org.id()));

        assertEquals("acme-corp", store.updateOrganization(org.id(), "acme-corp", null).name());
        assertEquals("the customer", store.data().organization(org.id()).orElseThrow().description());
        Role changed = store.updateRole(role.id(), null, List.of("read", "write"), null);
        assertEquals("metrics_*", changed.databasePattern());
        assertEquals("env = 'production'", changed.rowFilter());
        assertEquals(null, store.updateRole(role.id(), null, null, "").rowFilter());
        assertEquals("mem", store.updateMeasurement(mp.id(), "mem", null).measurementPattern());
        assertEquals("ops", store.updateTeam(team.id(), "ops", "on call").name());

        store.deleteMeasurement(mp.id());
        assertTrue(store.data().measurementsOf(role.id()).isEmpty());
        store.deleteRole(role.id());
        assertTrue(store.data().rolesOf(team.id()).isEmpty());
        store.deleteTeam(team.id());
        assertTrue(store.data().teamsOf(org.id()).isEmpty());
        store.deleteOrganization(org.id());
        assertTrue(store.data().organizations().isEmpty());
        assertNotFound(() -> store.deleteOrganization(org.id()));
    }

    @Test
    void deletingAnOrganizationCascadesToEverythingBelowAndToMemberships() throws IOException {
        RbacStore store = new RbacStore(file());
        Organization acme = store.createOrganization("acme", null);
        Organization other = store.createOrganization("other", null);
        Team team = store.createTeam(acme.id(), "ops", null);
        Role role = store.createRole(team.id(), "*", List.of("read"), null);
        store.createMeasurement(role.id(), "cpu", List.of("read"));
        Team kept = store.createTeam(other.id(), "ops", null);
        store.createRole(kept.id(), "db", List.of("write"), null);
        store.addTeam("tok1", team.id());
        store.addTeam("tok1", kept.id());

        store.deleteOrganization(acme.id());

        RbacData data = store.data();
        assertEquals(List.of(kept.id()), data.teams().keySet().stream().toList());
        assertEquals(1, data.roles().size());
        assertTrue(data.measurements().isEmpty());
        assertEquals(List.of(kept.id()), store.teamsOf("tok1"));
        assertEquals(List.of("db"), store.grants("tok1").stream().map(RoleGrant::databasePattern).toList());
        assertNotFound(() -> store.createTeam(acme.id(), "again", null));
    }

    @Test
    void everyChangeIsOnDiskAndSurvivesReopening() throws IOException {
        RbacStore store = new RbacStore(file());
        Organization org = store.createOrganization("acme", "d");
        Team team = store.createTeam(org.id(), "ops", null);
        Role role = store.createRole(team.id(), "prod_*", List.of("read", "delete"), "region IN ('eu','us')");
        store.createMeasurement(role.id(), "*_total", List.of("read"));
        store.addTeam("tok1", team.id());

        RbacStore reopened = new RbacStore(file());

        assertEquals(store.data(), reopened.data());
        assertEquals(store.grants("tok1"), reopened.grants("tok1"));
        assertTrue(Files.readString(file()).contains("\"row_filter\" : \"region IN ('eu','us')\""));
        assertFalse(Files.exists(file().resolveSibling("rbac.json.tmp")));
    }

    @Test
    void aDamagedFileRefusesToOpenRatherThanLosingGrants() throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{\"roles\":[{\"id\":\"role_1\",\"team_id\":\"t\",\"database_pattern\":\"*\","
                + "\"permissions\":[\"read\"],\"row_filter\":\"env = \"}]}");
        assertThrows(IOException.class, () -> new RbacStore(file()));
        Files.writeString(file(), "{not json");
        assertThrows(IOException.class, () -> new RbacStore(file()));
    }

    @Test
    void badInputIsRefusedWithItsCode() throws IOException {
        RbacStore store = new RbacStore(file());
        Organization org = store.createOrganization("acme", null);
        Team team = store.createTeam(org.id(), "ops", null);
        assertCode("INVALID_NAME", () -> store.createOrganization("1acme", null));
        assertCode("INVALID_NAME", () -> store.createOrganization("a".repeat(65), null));
        assertCode("INVALID_NAME", () -> store.createOrganization("has space", null));
        assertCode("INVALID_NAME", () -> store.createOrganization(null, null));
        assertCode("INVALID_DESCRIPTION", () -> store.createOrganization("b", "x".repeat(1025)));
        assertCode("INVALID_PATTERN", () -> store.createRole(team.id(), "a*b", List.of("read"), null));
        assertCode("INVALID_PATTERN", () -> store.createRole(team.id(), "**", List.of("read"), null));
        assertCode("INVALID_PATTERN", () -> store.createRole(team.id(), "", List.of("read"), null));
        assertCode("INVALID_PERMISSION", () -> store.createRole(team.id(), "*", List.of(), null));
        assertCode("INVALID_PERMISSION", () -> store.createRole(team.id(), "*", List.of("read", "own"), null));
        assertCode("INVALID_PERMISSION", () -> store.createRole(team.id(), "*", null, null));
        assertCode("INVALID_ROW_FILTER", () -> store.createRole(team.id(), "*", List.of("read"), "env != 'x'"));
        assertCode("CONFLICT", () -> store.createOrganization("acme", null));
        assertCode("CONFLICT", () -> store.createTeam(org.id(), "ops", "again"));
        Team other = store.createTeam(org.id(), "dev", null);
        assertCode("CONFLICT", () -> store.updateTeam(other.id(), "ops", null));
        assertEquals("dev", store.updateTeam(other.id(), "dev", "same name is fine").name());
        assertNotFound(() -> store.createRole("team_missing", "*", List.of("read"), null));
        assertNotFound(() -> store.createMeasurement("role_missing", "*", List.of("read")));
        assertNotFound(() -> store.updateOrganization("org_missing", "x", null));
        assertEquals(2, store.data().teams().size());
        assertTrue(store.data().roles().isEmpty());
    }

    @Test
    void grantsCarryTheRolesOfEveryTeamOfTheToken() throws IOException {
        RbacStore store = new RbacStore(file());
        Organization org = store.createOrganization("acme", null);
        Team analytics = store.createTeam(org.id(), "analytics", null);
        Team ops = store.createTeam(org.id(), "ops", null);
        Role read = store.createRole(analytics.id(), "metrics_*", List.of("read"), null);
        store.createMeasurement(read.id(), "cpu*", List.of("read"));
        Role prod = store.createRole(ops.id(), "*", List.of("read", "write"), "env = 'production'");
        store.addTeam("tok1", analytics.id());
        store.addTeam("tok1", ops.id());
        store.addTeam("tok1", ops.id());

        List<RoleGrant> grants = store.grants("tok1");

        assertEquals(List.of(
                new RoleGrant(analytics.id(), read.id(), "metrics_*", Set.of(Permission.READ),
                        List.of(new RoleGrant.MeasurementGrant("cpu*", Set.of(Permission.READ))), RowFilter.ALL),
                new RoleGrant(ops.id(), prod.id(), "*", Set.of(Permission.READ, Permission.WRITE), List.of(),
                        RowFilter.of(List.of(new TagPredicate("env", Set.of("production")))))), grants);
        assertTrue(grants.get(0).permits(Permission.READ, "metrics_app", "cpu_user"));
        assertFalse(grants.get(0).permits(Permission.READ, "metrics_app", "mem"));
        assertEquals(List.of(analytics.id(), ops.id()), store.teamsOf("tok1"));
        assertEquals(List.of(), store.grants("tok2"));
    }

    @Test
    void everyChangeReachesGrantsAtOnce() throws IOException {
        RbacStore store = new RbacStore(file());
        Organization org = store.createOrganization("acme", null);
        Team team = store.createTeam(org.id(), "ops", null);
        Role role = store.createRole(team.id(), "db", List.of("read"), null);
        store.addTeam("tok1", team.id());
        assertEquals(Set.of(Permission.READ), store.grants("tok1").get(0).permissions());

        store.updateRole(role.id(), null, List.of("write"), "host = 'a'");
        assertEquals(Set.of(Permission.WRITE), store.grants("tok1").get(0).permissions());
        assertFalse(store.grants("tok1").get(0).rowFilter().isAll());

        store.createMeasurement(role.id(), "cpu", List.of("write"));
        assertEquals(1, store.grants("tok1").get(0).measurements().size());

        store.createRole(team.id(), "other", List.of("admin"), null);
        assertEquals(2, store.grants("tok1").size());

        assertTrue(store.removeTeam("tok1", team.id()));
        assertFalse(store.removeTeam("tok1", team.id()));
        assertEquals(List.of(), store.grants("tok1"));

        store.addTeam("tok1", team.id());
        store.deleteTeam(team.id());
        assertEquals(List.of(), store.grants("tok1"));
        assertEquals(List.of(), store.teamsOf("tok1"));
    }

    @Test
    void membershipsNeedAnExistingTeamAndEndWithTheToken() throws IOException {
        RbacStore store = new RbacStore(file());
        Team team = store.createTeam(store.createOrganization("acme", null).id(), "ops", null);
        assertThrows(IllegalArgumentException.class, () -> store.addTeam("tok1", "team_missing"));
        store.addTeam("tok1", team.id());
        store.addTeam("tok2", team.id());
        assertEquals(List.of("tok1", "tok2"), store.data().tokensOf(team.id()));

        store.tokenDeleted("tok1");

        assertEquals(List.of(), new RbacStore(file()).teamsOf("tok1"));
        assertEquals(List.of(team.id()), new RbacStore(file()).teamsOf("tok2"));
    }

    @Test
    void concurrentMembershipChangesAreAllKept() throws Exception {
        RbacStore store = new RbacStore(file());
        Team team = store.createTeam(store.createOrganization("acme", null).id(), "ops", null);
        store.createRole(team.id(), "*", List.of("read"), null);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        String token = "tok-" + writer + "-" + i;
                        store.addTeam(token, team.id());
                        assertEquals(1, store.grants(token).size());
                    }
                    return null;
                }));
            }
            for (Future<?> job : jobs) {
                job.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(100, new RbacStore(file()).data().tokensOf(team.id()).size());
    }

    @Test
    void theModelFileFollowsConfigurationThenFrameworkPropertyThenData() {
        assertEquals(Path.of("/srv/x", "rbac", "rbac.json"), RbacService.modelFile("/srv/x", "/srv/y"));
        assertEquals(Path.of("/srv/y", "rbac", "rbac.json"), RbacService.modelFile(" ", "/srv/y"));
        assertEquals(Path.of("data", "rbac", "rbac.json"), RbacService.modelFile("", null));
    }

    @Test
    void idsAreDistinct() throws IOException {
        RbacStore store = new RbacStore(file());
        Organization a = store.createOrganization("a", null);
        Organization b = store.createOrganization("b", null);
        assertNotEquals(a.id(), b.id());
    }

    private static void assertCode(String code, Executable action) {
        RbacException e = assertThrows(RbacException.class, action);
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(code.equals("CONFLICT") ? 409 : 400, e.status());
    }

    private static void assertNotFound(Executable action) {
        RbacException e = assertThrows(RbacException.class, action);
        assertEquals(404, e.status());
        assertEquals("NOT_FOUND", e.code());
    }
}
