package io.cairn.enterprise.rbac.internal;

import io.cairn.api.access.Permission;
import java.util.Set;

/**
 * A role of a team: permissions on the databases matching a pattern, and the row filter (as written,
 * null when none) that limits which rows its readers see.
 */
record Role(String id, String teamId, String databasePattern, Set<Permission> permissions, String rowFilter)
        implements RbacObject {
    /** Copies the permissions. */
    Role {
        permissions = Set.copyOf(permissions);
    }
}
