package io.cairn.security.internal;

import io.cairn.api.access.RoleGrant;
import io.cairn.api.access.TeamGrants;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A small RBAC provider for tests: teams with fixed role grants, and token memberships in memory. */
class FixedTeamGrants implements TeamGrants {
    private final Map<String, List<RoleGrant>> teams = new HashMap<>();
    private final Map<String, Set<String>> memberships = new HashMap<>();
    final List<String> deleted = new ArrayList<>();

    /** Defines a team and the grants its roles give. */
    FixedTeamGrants team(String team, RoleGrant... grants) {
        teams.put(team, List.of(grants));
        return this;
    }

    @Override
    public synchronized List<RoleGrant> grants(String tokenId) {
        return memberships.getOrDefault(tokenId, Set.of()).stream().flatMap(t -> teams.get(t).stream()).toList();
    }

    @Override
    public synchronized List<String> teamsOf(String tokenId) {
        return List.copyOf(memberships.getOrDefault(tokenId, Set.of()));
    }

    @Override
    public synchronized void addTeam(String tokenId, String teamId) {
        if (!teams.containsKey(teamId)) {
            throw new IllegalArgumentException("no team " + teamId);
        }
        memberships.computeIfAbsent(tokenId, t -> new LinkedHashSet<>()).add(teamId);
    }

    @Override
    public synchronized boolean removeTeam(String tokenId, String teamId) {
        return memberships.getOrDefault(tokenId, new LinkedHashSet<>()).remove(teamId);
    }

    @Override
    public synchronized void tokenDeleted(String tokenId) {
        memberships.remove(tokenId);
        deleted.add(tokenId);
    }
}
