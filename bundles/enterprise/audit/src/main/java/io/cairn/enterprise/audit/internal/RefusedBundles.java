package io.cairn.enterprise.audit.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.osgi.framework.Bundle;

/**
 * Finds enterprise bundles (with a {@code Cairn-Feature} header) that stay INSTALLED because the
 * license bundle refused them, and reports each refusal once per bundle version and reason.
 */
final class RefusedBundles {
    static final String FEATURE_HEADER = "Cairn-Feature";

    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /**
     * Returns a {@code bundle.refused} record for each newly refused bundle; {@code refusals} gives a
     * bundle's reason or null.
     */
    List<AuditRecord> check(Bundle[] bundles, Function<Long, String> refusals, Instant now) {
        List<AuditRecord> records = new ArrayList<>();
        for (Bundle bundle : bundles) {
            String feature = feature(bundle);
            if (feature == null || bundle.getState() != Bundle.INSTALLED) {
                continue;
            }
            String reason = refusals == null ? null : refusals.apply(bundle.getBundleId());
            if (reason == null || !reported.add(bundle.getBundleId() + "@" + bundle.getLastModified() + ":" + reason)) {
                continue;
            }
            Map<String, Object> detail = describe(bundle);
            detail.put("reason", reason);
            records.add(AuditRecord.system(now, "bundle.refused", AuditRecord.DENIED, detail));
        }
        return records;
    }

    /** Forgets an uninstalled bundle. */
    void forget(long bundleId) {
        reported.removeIf(key -> key.startsWith(bundleId + "@"));
    }

    /** The enterprise feature a bundle provides, or null for an open bundle. */
    static String feature(Bundle bundle) {
        Object feature = bundle.getHeaders("").get(FEATURE_HEADER);
        return feature == null || feature.toString().isBlank() ? null : feature.toString().trim();
    }

    /** The details every bundle event carries. */
    static Map<String, Object> describe(Bundle bundle) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("bundle_id", bundle.getBundleId());
        detail.put("symbolic_name", bundle.getSymbolicName());
        detail.put("version", String.valueOf(bundle.getVersion()));
        String feature = feature(bundle);
        if (feature != null) {
            detail.put("feature", feature);
        }
        return detail;
    }
}
