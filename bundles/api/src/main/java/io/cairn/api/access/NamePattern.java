package io.cairn.api.access;

import java.util.regex.Pattern;

/**
 * A database or measurement name pattern: an exact name, {@code *}, {@code prefix*} or {@code *suffix}
 * made of letters, digits, {@code _} and {@code -}, with at most one {@code *} and only at an end.
 */
public final class NamePattern {
    private static final Pattern VALID = Pattern.compile("\\*|\\*?[A-Za-z0-9_-]+|[A-Za-z0-9_-]+\\*");

    private NamePattern() {
    }

    /** Returns whether a text is a valid pattern. */
    public static boolean isValid(String pattern) {
        return pattern != null && pattern.length() <= 128 && VALID.matcher(pattern).matches();
    }

    /** Returns whether a name matches a valid pattern. */
    public static boolean matches(String pattern, String name) {
        if (name == null) {
            return false;
        }
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith("*")) {
            return name.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        if (pattern.startsWith("*")) {
            return name.endsWith(pattern.substring(1));
        }
        return pattern.equals(name);
    }
}
