package io.cairn.enterprise.license.internal;

import java.io.File;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.hooks.resolver.ResolverHook;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;

/**
 * A resolver hook that keeps enterprise bundles (manifest header {@code Cairn-Feature}) out of
 * resolution unless their JAR signature verifies against the vendor certificate and the license
 * unlocks their feature, so a refused bundle stays INSTALLED and runs no code. It remembers why it
 * refused each bundle ({@link #apply} gives the reason for a bundle id).
 */
final class EnterpriseGate implements ResolverHookFactory, Function<Long, String> {
    /** The manifest header naming the feature an enterprise bundle provides. */
    static final String FEATURE_HEADER = "Cairn-Feature";

    private final BundleSignature signature;
    private final Supplier<LicenseStatus> license;
    private final Function<Bundle, Optional<File>> jars;
    private final Map<Long, String> refused = new ConcurrentHashMap<>();
    private final Map<String, String> verified = new ConcurrentHashMap<>();

    EnterpriseGate(BundleSignature signature, Supplier<LicenseStatus> license, Function<Bundle, Optional<File>> jars) {
        this.signature = signature;
        this.license = license;
        this.jars = jars;
    }

    /** The feature an enterprise bundle provides, or null for an open bundle. */
    static String feature(Bundle bundle) {
        String feature = bundle.getHeaders("").get(FEATURE_HEADER);
        return feature == null || feature.isBlank() ? null : feature.trim();
    }

    /** Returns null when the bundle may run, else why not (and remembers the reason). */
    String refusal(Bundle bundle) {
        String feature = feature(bundle);
        if (feature == null) {
            return null;
        }
        String why = signatureProblem(bundle);
        if (why == null) {
            LicenseStatus status = license.get();
            if (!status.unlocks(feature)) {
                why = status.license() == null || status.errorCode() != null
                        ? "enterprise feature '" + feature + "' needs a license; none is installed"
                        : "enterprise feature '" + feature + "' is not unlocked by license " + status.license().id()
                                + " (phase " + status.phase().label() + ")";
            }
        }
        if (why == null) {
            refused.remove(bundle.getBundleId());
        } else {
            refused.put(bundle.getBundleId(), why);
        }
        return why;
    }

    private String signatureProblem(Bundle bundle) {
        String key = bundle.getBundleId() + "@" + bundle.getLastModified();
        String known = verified.get(key);
        if (known == null) {
            Optional<File> jar = jars.apply(bundle);
            String problem = jar.isEmpty() ? "the bundle's JAR cannot be found to check its signature"
                    : signature.problem(jar.get());
            known = problem == null ? "" : "signature: " + problem;
            verified.put(key, known);
        }
        return known.isEmpty() ? null : known;
    }

    /** Why the bundle with this id was refused, or null. */
    @Override
    public String apply(Long bundleId) {
        return refused.get(bundleId);
    }

    /** Forgets an uninstalled bundle. */
    void forget(Bundle bundle) {
        refused.remove(bundle.getBundleId());
        verified.keySet().removeIf(k -> k.startsWith(bundle.getBundleId() + "@"));
    }

    @Override
    public ResolverHook begin(Collection<BundleRevision> triggers) {
        return new ResolverHook() {
            @Override
            public void filterResolvable(Collection<BundleRevision> candidates) {
                candidates.removeIf(revision -> refusal(revision.getBundle()) != null);
            }

            @Override
            public void filterSingletonCollisions(BundleCapability singleton, Collection<BundleCapability> candidates) {
                // singletons are not the gate's business
            }

            @Override
            public void filterMatches(BundleRequirement requirement, Collection<BundleCapability> candidates) {
                // matching is not the gate's business
            }

            @Override
            public void end() {
                // nothing to release
            }
        };
    }
}
