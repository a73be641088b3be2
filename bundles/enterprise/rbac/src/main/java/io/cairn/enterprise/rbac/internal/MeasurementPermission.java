package io.cairn.enterprise.rbac.internal;

import io.cairn.api.access.Permission;
import java.util.Set;

/** A narrowing of a role: measurements matching a pattern keep only these permissions. */
record MeasurementPermission(String id, String roleId, String measurementPattern, Set<Permission> permissions)
        implements RbacObject {
    /** Copies the permissions. */
    MeasurementPermission {
        permissions = Set.copyOf(permissions);
    }
}
