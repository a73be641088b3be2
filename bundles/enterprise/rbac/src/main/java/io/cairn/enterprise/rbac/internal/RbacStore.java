package io.cairn.enterprise.rbac.internal;

import io.cairn.api.access.RoleGrant;
import io.cairn.api.access.TeamGrants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The RBAC model of this node: validated changes, each persisted to {@code rbac.json} before it
 * answers, and the role grants of tokens, cached per snapshot so that every change takes effect at once.
 * Readers never lock (they see an immutable snapshot); writers take turns.
 */
final class RbacStore implements TeamGrants {
    private final RbacFile file;
    private final SecureRandom random = new SecureRandom();
    private volatile View view;

    /** A snapshot and the grants computed from it; a change replaces both at once. */
    private record View(RbacData data, Map<String, List<RoleGrant>> grants) {
        View(RbacData data) {
            this(data, new ConcurrentHashMap<>());
        }
    }

    /** Opens the model kept in a file (created on the first change). */
    RbacStore(Path file) throws IOException {
        this.file = new RbacFile(file);
        this.view = new View(this.file.read());
    }

    /** Returns the current snapshot. */
    RbacData data() {
        return view.data();
    }

    Organization createOrganization(String name, String description) throws IOException {
        String checkedName = RbacRules.name(name);
        String checkedDescription = RbacRules.description(description);
        return change(d -> {
            requireUniqueOrganization(d, null, checkedName);
            return new Organization(newId(d, "org"), checkedName, checkedDescription);
        });
    }

    /** Changes an organization; a null argument keeps the old value. */
    Organization updateOrganization(String id, String name, String description) throws IOException {
        return change(d -> {
            Organization old = d.organization(id).orElseThrow(() -> RbacException.notFound("organization", id));
            String newName = name == null ? old.name() : RbacRules.name(name);
            requireUniqueOrganization(d, id, newName);
            return new Organization(id, newName,
                    description == null ? old.description() : RbacRules.description(description));
        });
    }

    Team createTeam(String organizationId, String name, String description) throws IOException {
        String checkedName = RbacRules.name(name);
        String checkedDescription = RbacRules.description(description);
        return change(d -> {
            d.organization(organizationId).orElseThrow(() -> RbacException.notFound("organization", organizationId));
            requireUniqueTeam(d, organizationId, null, checkedName);
            return new Team(newId(d, "team"), organizationId, checkedName, checkedDescription);
        });
    }

    /** Changes a team; a null argument keeps the old value. */
    Team updateTeam(String id, String name, String description) throws IOException {
        return change(d -> {
            Team old = d.team(id).orElseThrow(() -> RbacException.notFound("team", id));
            String newName = name == null ? old.name() : RbacRules.name(name);
            requireUniqueTeam(d, old.organizationId(), id, newName);
            return new Team(id, old.organizationId(), newName,
                    description == null ? old.description() : RbacRules.description(description));
        });
    }

    Role createRole(String teamId, String databasePattern, List<String> permissions, String rowFilter) throws IOException {
        Role checked = new Role("", teamId, RbacRules.pattern("database_pattern", databasePattern),
                RbacRules.permissions(permissions), RbacRules.rowFilter(rowFilter));
        return change(d -> {
            d.team(teamId).orElseThrow(() -> RbacException.notFound("team", teamId));
            return new Role(newId(d, "role"), teamId, checked.databasePattern(), checked.permissions(), checked.rowFilter());
        });
    }

    /** Changes a role; a null argument keeps the old value, a blank row filter removes it. */
    Role updateRole(String id, String databasePattern, List<String> permissions, String rowFilter) throws IOException {
        return change(d -> {
            Role old = d.role(id).orElseThrow(() -> RbacException.notFound("role", id));
            return new Role(id, old.teamId(),
                    databasePattern == null ? old.databasePattern() : RbacRules.pattern("database_pattern", databasePattern),
                    permissions == null ? old.permissions() : RbacRules.permissions(permissions),
                    rowFilter == null ? old.rowFilter() : RbacRules.rowFilter(rowFilter));
        });
    }

    MeasurementPermission createMeasurement(String roleId, String pattern, List<String> permissions) throws IOException {
        String checkedPattern = RbacRules.pattern("measurement_pattern", pattern);
        var checkedPermissions = RbacRules.permissions(permissions);
        return change(d -> {
            d.role(roleId).orElseThrow(() -> RbacException.notFound("role", roleId));
            return new MeasurementPermission(newId(d, "mp"), roleId, checkedPattern, checkedPermissions);
        });
    }

    /** Changes a measurement permission; a null argument keeps the old value. */
    MeasurementPermission updateMeasurement(String id, String pattern, List<String> permissions) throws IOException {
        return change(d -> {
            MeasurementPermission old = d.measurement(id)
                    .orElseThrow(() -> RbacException.notFound("measurement permission", id));
            return new MeasurementPermission(id, old.roleId(),
                    pattern == null ? old.measurementPattern() : RbacRules.pattern("measurement_pattern", pattern),
                    permissions == null ? old.permissions() : RbacRules.permissions(permissions));
        });
    }

    /** Deletes an organization with its teams, their roles, measurement permissions and memberships. */
    void deleteOrganization(String id) throws IOException {
        delete(d -> d.organization(id).map(o -> d.edit().removeOrganization(id))
                .orElseThrow(() -> RbacException.notFound("organization", id)));
    }

    /** Deletes a team with its roles, their measurement permissions and the team's memberships. */
    void deleteTeam(String id) throws IOException {
        delete(d -> d.team(id).map(t -> d.edit().removeTeam(id)).orElseThrow(() -> RbacException.notFound("team", id)));
    }

    /** Deletes a role with its measurement permissions. */
    void deleteRole(String id) throws IOException {
        delete(d -> d.role(id).map(r -> d.edit().removeRole(id)).orElseThrow(() -> RbacException.notFound("role", id)));
    }

    void deleteMeasurement(String id) throws IOException {
        delete(d -> d.measurement(id).map(m -> d.edit().removeMeasurement(id))
                .orElseThrow(() -> RbacException.notFound("measurement permission", id)));
    }

    @Override
    public List<RoleGrant> grants(String tokenId) {
        View current = view;
        if (tokenId == null || current.data().teamsOfToken(tokenId).isEmpty()) {
            return List.of();
        }
        return current.grants().computeIfAbsent(tokenId, t -> GrantResolver.grants(current.data(), t));
    }

    @Override
    public List<String> teamsOf(String tokenId) {
        return tokenId == null ? List.of() : view.data().teamsOfToken(tokenId);
    }

    @Override
    public void addTeam(String tokenId, String teamId) {
        Objects.requireNonNull(tokenId, "tokenId");
        unchecked(() -> delete(d -> {
            if (d.team(teamId).isEmpty()) {
                throw new IllegalArgumentException("no team with id '" + teamId + "'");
            }
            return d.edit().join(tokenId, teamId);
        }));
    }

    @Override
    public boolean removeTeam(String tokenId, String teamId) {
        boolean[] member = {false};
        unchecked(() -> delete(d -> {
            member[0] = d.teamsOfToken(tokenId).contains(teamId);
            return d.edit().leave(tokenId, teamId);
        }));
        return member[0];
    }

    @Override
    public void tokenDeleted(String tokenId) {
        unchecked(() -> delete(d -> d.edit().forget(tokenId)));
    }

    /** Creates or replaces the object a function computes from the current snapshot, under the write lock. */
    private <T extends RbacObject> T change(Function<RbacData, T> creation) throws IOException {
        synchronized (file) {
            RbacData current = view.data();
            T object = creation.apply(current);
            commit(current, current.edit().put(object).freeze());
            return object;
        }
    }

    private void delete(Function<RbacData, RbacData.Draft> removal) throws IOException {
        synchronized (file) {
            RbacData current = view.data();
            commit(current, removal.apply(current).freeze());
        }
    }

    private void commit(RbacData before, RbacData after) throws IOException {
        if (!after.equals(before)) {
            file.write(after);
            view = new View(after);
        }
    }

    private String newId(RbacData data, String prefix) {
        String id;
        do {
            byte[] bytes = new byte[8];
            random.nextBytes(bytes);
            id = prefix + "_" + HexFormat.of().formatHex(bytes);
        } while (data.holdsId(id));
        return id;
    }

    private static void requireUniqueOrganization(RbacData d, String self, String name) {
        if (d.organizations().values().stream().anyMatch(o -> o.name().equals(name) && !o.id().equals(self))) {
            throw conflict("an organization named '" + name + "' exists", name);
        }
    }

    private static void requireUniqueTeam(RbacData d, String organizationId, String self, String name) {
        if (d.teamsOf(organizationId).stream().anyMatch(t -> t.name().equals(name) && !t.id().equals(self))) {
            throw conflict("the organization has a team named '" + name + "'", name);
        }
    }

    private static RbacException conflict(String message, String name) {
        return new RbacException(409, "CONFLICT", message, Map.of("name", name));
    }

    private interface Persisting {
        void run() throws IOException;
    }

    private static void unchecked(Persisting action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the RBAC model", e);
        }
    }
}
