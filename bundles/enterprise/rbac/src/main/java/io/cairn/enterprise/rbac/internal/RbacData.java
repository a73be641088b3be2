package io.cairn.enterprise.rbac.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of the RBAC model: organizations, teams, roles, measurement permissions (each
 * in creation order) and token memberships (token id to team ids). Changes go through a {@link Draft}.
 */
record RbacData(Map<String, Organization> organizations, Map<String, Team> teams, Map<String, Role> roles,
                Map<String, MeasurementPermission> measurements, Map<String, List<String>> memberships) {
    /** The model without anything in it. */
    static final RbacData EMPTY = new RbacData(Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

    /** Wraps the maps unmodifiably; callers hand over maps they no longer change. */
    RbacData {
        organizations = Collections.unmodifiableMap(organizations);
        teams = Collections.unmodifiableMap(teams);
        roles = Collections.unmodifiableMap(roles);
        measurements = Collections.unmodifiableMap(measurements);
        memberships = Collections.unmodifiableMap(memberships);
    }

    Optional<Organization> organization(String id) {
        return Optional.ofNullable(organizations.get(id));
    }

    Optional<Team> team(String id) {
        return Optional.ofNullable(teams.get(id));
    }

    Optional<Role> role(String id) {
        return Optional.ofNullable(roles.get(id));
    }

    Optional<MeasurementPermission> measurement(String id) {
        return Optional.ofNullable(measurements.get(id));
    }

    /** Returns the teams of an organization. */
    List<Team> teamsOf(String organizationId) {
        return teams.values().stream().filter(t -> t.organizationId().equals(organizationId)).toList();
    }

    /** Returns the roles of a team. */
    List<Role> rolesOf(String teamId) {
        return roles.values().stream().filter(r -> r.teamId().equals(teamId)).toList();
    }

    /** Returns the measurement permissions of a role. */
    List<MeasurementPermission> measurementsOf(String roleId) {
        return measurements.values().stream().filter(m -> m.roleId().equals(roleId)).toList();
    }

    /** Returns the tokens that belong to a team. */
    List<String> tokensOf(String teamId) {
        return memberships.entrySet().stream().filter(e -> e.getValue().contains(teamId)).map(Map.Entry::getKey).toList();
    }

    /** Returns the teams of a token, in the order it joined them. */
    List<String> teamsOfToken(String tokenId) {
        return memberships.getOrDefault(tokenId, List.of());
    }

    /** Returns whether any object has this id. */
    boolean holdsId(String id) {
        return organizations.containsKey(id) || teams.containsKey(id) || roles.containsKey(id)
                || measurements.containsKey(id);
    }

    /** Returns a mutable copy to change. */
    Draft edit() {
        return new Draft(this);
    }

    /** A mutable copy of a snapshot; deletions cascade to what the deleted object owns. */
    static final class Draft {
        private final Map<String, Organization> organizations;
        private final Map<String, Team> teams;
        private final Map<String, Role> roles;
        private final Map<String, MeasurementPermission> measurements;
        private final Map<String, List<String>> memberships;

        private Draft(RbacData data) {
            organizations = new LinkedHashMap<>(data.organizations);
            teams = new LinkedHashMap<>(data.teams);
            roles = new LinkedHashMap<>(data.roles);
            measurements = new LinkedHashMap<>(data.measurements);
            memberships = new LinkedHashMap<>(data.memberships);
        }

        /** Adds or replaces an object. */
        Draft put(RbacObject object) {
            if (object instanceof Organization o) {
                organizations.put(o.id(), o);
            } else if (object instanceof Team t) {
                teams.put(t.id(), t);
            } else if (object instanceof Role r) {
                roles.put(r.id(), r);
            } else if (object instanceof MeasurementPermission m) {
                measurements.put(m.id(), m);
            }
            return this;
        }

        /** Removes an organization with its teams and everything they own. */
        Draft removeOrganization(String id) {
            organizations.remove(id);
            teams.values().stream().filter(t -> t.organizationId().equals(id)).map(Team::id).toList()
                    .forEach(this::removeTeam);
            return this;
        }

        /** Removes a team with its roles and memberships. */
        Draft removeTeam(String id) {
            teams.remove(id);
            roles.values().stream().filter(r -> r.teamId().equals(id)).map(Role::id).toList().forEach(this::removeRole);
            memberships.keySet().stream().toList().forEach(token -> leave(token, id));
            return this;
        }

        /** Removes a role with its measurement permissions. */
        Draft removeRole(String id) {
            roles.remove(id);
            measurements.values().removeIf(m -> m.roleId().equals(id));
            return this;
        }

        Draft removeMeasurement(String id) {
            measurements.remove(id);
            return this;
        }

        /** Adds a token to a team (no change when it is a member). */
        Draft join(String tokenId, String teamId) {
            List<String> teamIds = new ArrayList<>(memberships.getOrDefault(tokenId, List.of()));
            if (!teamIds.contains(teamId)) {
                teamIds.add(teamId);
            }
            memberships.put(tokenId, List.copyOf(teamIds));
            return this;
        }

        /** Removes a token from a team. */
        Draft leave(String tokenId, String teamId) {
            List<String> teamIds = new ArrayList<>(memberships.getOrDefault(tokenId, List.of()));
            teamIds.remove(teamId);
            if (teamIds.isEmpty()) {
                memberships.remove(tokenId);
            } else {
                memberships.put(tokenId, List.copyOf(teamIds));
            }
            return this;
        }

        /** Forgets every membership of a token. */
        Draft forget(String tokenId) {
            memberships.remove(tokenId);
            return this;
        }

        /** Returns the snapshot of this draft; the draft must not be used afterwards. */
        RbacData freeze() {
            return new RbacData(organizations, teams, roles, measurements, memberships);
        }
    }
}
