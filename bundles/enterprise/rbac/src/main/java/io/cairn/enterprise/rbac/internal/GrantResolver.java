package io.cairn.enterprise.rbac.internal;

import io.cairn.api.access.RoleGrant;
import java.util.ArrayList;
import java.util.List;

/** Turns a token's memberships into role grants: one per role of each of its teams. */
final class GrantResolver {
    private GrantResolver() {
    }

    /** Returns the grants of a token in a snapshot, in the order of its teams and their roles. */
    static List<RoleGrant> grants(RbacData data, String tokenId) {
        List<RoleGrant> grants = new ArrayList<>();
        for (String teamId : data.teamsOfToken(tokenId)) {
            for (Role role : data.rolesOf(teamId)) {
                List<RoleGrant.MeasurementGrant> measurements = data.measurementsOf(role.id()).stream()
                        .map(m -> new RoleGrant.MeasurementGrant(m.measurementPattern(), m.permissions()))
                        .toList();
                grants.add(new RoleGrant(teamId, role.id(), role.databasePattern(), role.permissions(), measurements,
                        RowFilterParser.parse(role.rowFilter())));
            }
        }
        return List.copyOf(grants);
    }
}
