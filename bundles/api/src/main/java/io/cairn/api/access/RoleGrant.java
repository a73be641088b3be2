package io.cairn.api.access;

import java.util.List;
import java.util.Set;

/**
 * What one role gives a token through one of its teams: permissions on the databases matching a
 * pattern, optionally narrowed per measurement, and the rows it may read.
 *
 * @param measurements when not empty, a measurement gets only the permissions of the entries whose
 *                     pattern it matches (the role's permissions intersected with theirs)
 * @param rowFilter    the rows readers may see through this role, {@link RowFilter#ALL} when unrestricted
 */
public record RoleGrant(String team, String role, String databasePattern, Set<Permission> permissions,
                        List<MeasurementGrant> measurements, RowFilter rowFilter) {
    /** Copies the collections. */
    public RoleGrant {
        permissions = Set.copyOf(permissions);
        measurements = List.copyOf(measurements);
    }

    /** A measurement pattern and the permissions it keeps. */
    public record MeasurementGrant(String pattern, Set<Permission> permissions) {
        /** Copies the permissions. */
        public MeasurementGrant {
            permissions = Set.copyOf(permissions);
        }
    }

    /** Returns whether this grant gives a permission on a database and measurement (null: the database as a whole). */
    public boolean permits(Permission permission, String database, String measurement) {
        if (!NamePattern.matches(databasePattern, database) || !holds(permissions, permission)) {
            return false;
        }
        if (measurement == null || measurements.isEmpty()) {
            return true;
        }
        return measurements.stream()
                .anyMatch(m -> NamePattern.matches(m.pattern(), measurement) && holds(m.permissions(), permission));
    }

    private static boolean holds(Set<Permission> set, Permission permission) {
        return set.contains(permission) || set.contains(Permission.ADMIN);
    }
}
