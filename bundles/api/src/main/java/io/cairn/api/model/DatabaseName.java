package io.cairn.api.model;

import java.util.regex.Pattern;

/**
 * The rule every database name follows: 1 to 64 characters, letters, digits, {@code _}, {@code -}
 * and {@code .}, not starting with {@code .} or {@code -}. Endpoints refuse other names before
 * anything is written or read, so a name can never collide with a store's key separators.
 */
public final class DatabaseName {
    /** The name used when a request names no database. */
    public static final String DEFAULT = "default";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");

    private DatabaseName() {
    }

    /** Returns whether a name follows the rule; null is not a valid name. */
    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /** Returns a message saying why a name is refused, for error responses. */
    public static String rule() {
        return "a database name has 1 to 64 letters, digits, '_', '-' or '.', and starts with a letter, digit or '_'";
    }
}
