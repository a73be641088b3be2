package io.cairn.enterprise.license.internal;

import java.time.Duration;
import java.time.Instant;

/** Where a license stands against its expiry date; each phase says what still works. */
public enum LicensePhase {
    /** No license installed: the open edition. */
    NONE(false, true),
    /** More than 30 days before expiry. */
    ACTIVE(true, true),
    /** The last 30 days before expiry: everything works, with a warning. */
    WARNING(true, true),
    /** 0–14 days after expiry: everything works, with a warning. */
    GRACE(true, true),
    /** 15–29 days after expiry: enterprise features work, writes are refused. */
    READ_ONLY(true, false),
    /** 30 days or more after expiry: enterprise features off, the open edition. */
    EXPIRED(false, true);

    static final Duration WARNING_BEFORE = Duration.ofDays(30);
    static final Duration READ_ONLY_AFTER = Duration.ofDays(15);
    static final Duration OFF_AFTER = Duration.ofDays(30);

    private final boolean featuresOn;
    private final boolean writesAllowed;

    LicensePhase(boolean featuresOn, boolean writesAllowed) {
        this.featuresOn = featuresOn;
        this.writesAllowed = writesAllowed;
    }

    /** The phase of a license expiring at {@code expires}, seen at {@code now}. */
    public static LicensePhase of(Instant expires, Instant now) {
        if (now.isBefore(expires.minus(WARNING_BEFORE))) {
            return ACTIVE;
        }
        if (now.isBefore(expires)) {
            return WARNING;
        }
        if (now.isBefore(expires.plus(READ_ONLY_AFTER))) {
            return GRACE;
        }
        return now.isBefore(expires.plus(OFF_AFTER)) ? READ_ONLY : EXPIRED;
    }

    /** Whether licensed enterprise features run in this phase. */
    public boolean featuresOn() {
        return featuresOn;
    }

    /** Whether writes are accepted in this phase. */
    public boolean writesAllowed() {
        return writesAllowed;
    }

    /** The phase as the API shows it, e.g. {@code read_only}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
