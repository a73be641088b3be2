package io.cairn.enterprise.license.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A license as this node sees it now: valid or not (with the reason), its phase and the days left
 * until it expires (negative after expiry); {@code license} is null when none is installed.
 */
public record LicenseStatus(License license, boolean valid, LicensePhase phase, long daysRemaining,
        String errorCode, String error, List<String> warnings) {

    /** No license: the open edition. */
    public static final LicenseStatus NONE = new LicenseStatus(null, false, LicensePhase.NONE, 0, null, null, List.of());

    /** The status of a license that verified, at {@code now}. */
    static LicenseStatus of(License license, Instant now) {
        LicensePhase phase = LicensePhase.of(license.expires(), now);
        long days = Math.floorDiv(Duration.between(now, license.expires()).toSeconds(), 86_400L);
        List<String> warnings = switch (phase) {
            case WARNING -> List.of("the license expires in " + days + " days; renew it");
            case GRACE -> List.of("the license expired " + -days + " days ago; writes stop "
                    + LicensePhase.READ_ONLY_AFTER.toDays() + " days after expiry");
            case READ_ONLY -> List.of("the license expired " + -days + " days ago; writes are refused");
            case EXPIRED -> List.of("the license expired " + -days + " days ago; enterprise features are off");
            default -> List.of();
        };
        return new LicenseStatus(license, phase != LicensePhase.EXPIRED, phase, days, null, null, warnings);
    }

    /** A license that was rejected, with why. */
    static LicenseStatus rejected(License license, LicenseException why) {
        return new LicenseStatus(license, false, LicensePhase.NONE, 0, why.code(), why.getMessage(), List.of());
    }

    /** Whether enterprise bundles providing {@code feature} may run. */
    public boolean unlocks(String feature) {
        return valid && phase.featuresOn() && license.names(feature);
    }

    /** Whether writes are accepted (false only in the read-only phase of a genuine license). */
    public boolean writesAllowed() {
        return !valid || phase.writesAllowed();
    }
}
