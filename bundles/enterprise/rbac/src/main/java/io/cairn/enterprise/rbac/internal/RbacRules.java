package io.cairn.enterprise.rbac.internal;

import io.cairn.api.access.NamePattern;
import io.cairn.api.access.Permission;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules RBAC input follows: names, descriptions, name patterns and permission lists. */
final class RbacRules {
    /** The longest description accepted. */
    static final int MAX_DESCRIPTION = 1024;
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    private RbacRules() {
    }

    /** Returns a valid name, or throws 400 INVALID_NAME. */
    static String name(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw RbacException.invalid("INVALID_NAME", "name",
                    "a name starts with a letter and has at most 64 letters, digits, '_' or '-'");
        }
        return name;
    }

    /** Returns a description, "" for none, or throws 400 INVALID_DESCRIPTION. */
    static String description(String description) {
        if (description == null) {
            return "";
        }
        if (description.length() > MAX_DESCRIPTION) {
            throw RbacException.invalid("INVALID_DESCRIPTION", "description",
                    "a description has at most " + MAX_DESCRIPTION + " characters");
        }
        return description;
    }

    /** Returns a valid database or measurement pattern, or throws 400 INVALID_PATTERN naming the field. */
    static String pattern(String field, String pattern) {
        if (!NamePattern.isValid(pattern)) {
            throw RbacException.invalid("INVALID_PATTERN", field, "a pattern is a name, '*', 'prefix*' or '*suffix' "
                    + "of letters, digits, '_' and '-', with at most one '*' and only at an end");
        }
        return pattern;
    }

    /** Returns the permissions of a non-empty list of read, write, delete, admin, or throws 400 INVALID_PERMISSION. */
    static Set<Permission> permissions(List<String> labels) {
        if (labels == null || labels.isEmpty()) {
            throw RbacException.invalid("INVALID_PERMISSION", "permissions",
                    "permissions must be a non-empty list of read, write, delete, admin");
        }
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String label : labels) {
            permissions.add(permission(label));
        }
        return permissions;
    }

    /** Returns a row filter text trimmed, null for none, after checking that it parses. */
    static String rowFilter(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        RowFilterParser.parse(text);
        return text.trim();
    }

    /** Returns permissions as their labels in the order read, write, delete, admin. */
    static List<String> labels(Set<Permission> permissions) {
        return permissions.stream().sorted().map(Permission::label).toList();
    }

    private static Permission permission(String label) {
        if (label != null) {
            for (Permission p : Permission.values()) {
                if (p.label().equals(label.toLowerCase(Locale.ROOT))) {
                    return p;
                }
            }
        }
        throw RbacException.invalid("INVALID_PERMISSION", "permissions",
                "unknown permission '" + label + "': use read, write, delete, admin");
    }
}
