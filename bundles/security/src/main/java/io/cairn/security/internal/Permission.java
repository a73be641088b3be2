package io.cairn.security.internal;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What a token or JWT may do; {@link #ADMIN} includes the three others. */
public enum Permission {
    READ, WRITE, DELETE, ADMIN;

    /** Returns the lower-case name used in JSON, JWT scopes and documentation. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the permission a label names, ignoring case. */
    static Optional<Permission> parse(String label) {
        for (Permission p : values()) {
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
    static List<String> labels(Set<Permission> permissions) {
        return permissions.stream().sorted().map(Permission::label).toList();
    }
}
