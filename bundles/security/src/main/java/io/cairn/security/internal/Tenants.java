package io.cairn.security.internal;

import java.util.regex.Pattern;

/**
 * How a tenant's databases are named: tenant ids are 1 to 32 letters, digits and {@code -} (never
 * {@code _}), so the physical name {@code <tenant>__<db>} can never be reached from another tenant.
 */
final class Tenants {
    /** What separates the tenant from the database it named. */
    static final String SEPARATOR = "__";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,31}");

    private Tenants() {
    }

    /** Returns whether a tenant id follows the rule. */
    static boolean isValid(String tenant) {
        return tenant != null && VALID.matcher(tenant).matches();
    }

    /** Returns a message saying why a tenant id is refused. */
    static String rule() {
        return "a tenant id has 1 to 32 letters, digits or '-' and starts with a letter or digit";
    }

    /** Returns the physical database holding a tenant's database {@code db}. */
    static String physical(String tenant, String db) {
        return tenant + SEPARATOR + db;
    }
}
