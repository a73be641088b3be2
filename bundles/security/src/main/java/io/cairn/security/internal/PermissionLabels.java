package io.cairn.security.internal;

import io.cairn.api.access.Permission;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads and writes permissions as the lower-case labels of JSON, JWT scopes and the token file. */
final class PermissionLabels {
    private PermissionLabels() {
    }

    /** Returns the permission a label names, ignoring case. */
    static Optional<Permission> parse(String label) {
        for (Permission p : Permission.values()) {
            if (p.label().equalsIgnoreCase(label == null ? "" : label.trim())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the permissions the labels name.
     *
     * @throws IllegalArgumentException naming the first unknown label
     */
    static Set<Permission> parseAll(Collection<String> labels) {
        Set<Permission> set = EnumSet.noneOf(Permission.class);
        for (String label : labels) {
            set.add(parse(label).orElseThrow(() -> new IllegalArgumentException(
                    "unknown permission '" + label + "': use read, write, delete or admin")));
        }
        return set;
    }

    /** Returns the labels of a set, in declaration order. */
    static List<String> labels(Collection<Permission> permissions) {
        return permissions.stream().sorted().map(Permission::label).toList();
    }
}
