package io.cairn.api.access;

import java.util.Locale;

/** What a principal may do; {@link #ADMIN} includes the three others. */
public enum Permission {
    READ, WRITE, DELETE, ADMIN;

    /** Returns the lower-case name used in JSON, JWT scopes and documentation. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
