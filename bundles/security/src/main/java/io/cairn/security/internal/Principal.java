package io.cairn.security.internal;

import io.cairn.api.access.Permission;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Who a request is: a token id (or {@code jwt:<subject>}), how it was proven, its tenant (null for a
 * token that sees every database) and its permissions.
 */
record Principal(String id, String kind, String tenant, Set<Permission> permissions) {
    /** The request attribute under which the filter leaves {@link #asMap()} for other bundles. */
    static final String ATTRIBUTE = "cairn.principal";

    Principal {
        permissions = permissions.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(permissions));
    }

    /** Returns whether this principal holds a permission, directly or through {@link Permission#ADMIN}. */
    boolean has(Permission permission) {
        return permissions.contains(permission) || permissions.contains(Permission.ADMIN);
    }

    /** Returns the plain map other bundles read: {@code id}, {@code kind}, {@code tenant} (when set), {@code permissions}. */
    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("kind", kind);
        if (tenant != null) {
            map.put("tenant", tenant);
        }
        map.put("permissions", PermissionLabels.labels(permissions));
        return Collections.unmodifiableMap(map);
    }
}
