package io.cairn.enterprise.license.internal;

import java.time.Instant;
import java.util.List;

/**
 * The terms of a license as the vendor signed them; {@code machineFingerprint} is null when the
 * license is not tied to one machine.
 */
public record License(String id, String customer, String tier, List<String> features, int maxCores,
        int maxNodes, Instant issued, Instant expires, String machineFingerprint) {

    /** Copies the feature list so a license never changes after it is read. */
    public License {
        features = List.copyOf(features);
    }

    /** Whether this license names the feature. */
    public boolean names(String feature) {
        return features.contains(feature);
    }
}
