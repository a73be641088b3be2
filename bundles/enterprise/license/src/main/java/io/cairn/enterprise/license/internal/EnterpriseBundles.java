package io.cairn.enterprise.license.internal;

import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the installed enterprise bundles in line with the gate: refused ones that are resolved are
 * refreshed (stopped and unresolved), admitted ones that should run are resolved and started.
 */
final class EnterpriseBundles {
    private static final Logger LOG = LoggerFactory.getLogger(EnterpriseBundles.class);

    private final BundleContext context;
    private final EnterpriseGate gate;

    EnterpriseBundles(BundleContext context, EnterpriseGate gate) {
        this.context = context;
        this.gate = gate;
    }

    /** Refreshes refused bundles, then resolves and starts admitted ones; call off the caller's thread. */
    void align() {
        List<Bundle> refused = new ArrayList<>();
        List<Bundle> admitted = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (EnterpriseGate.feature(bundle) == null || bundle.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            String why = gate.refusal(bundle);
            if (why != null && bundle.getState() != Bundle.INSTALLED) {
                LOG.warn("Stopping enterprise bundle {}: {}", bundle.getSymbolicName(), why);
                refused.add(bundle);
            } else if (why == null) {
                admitted.add(bundle);
            }
        }
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        if (!refused.isEmpty()) {
            wiring.refreshBundles(refused);
        }
        if (admitted.isEmpty()) {
            return;
        }
        wiring.resolveBundles(admitted);
        for (Bundle bundle : admitted) {
            BundleStartLevel level = bundle.adapt(BundleStartLevel.class);
            if (bundle.getState() != Bundle.ACTIVE && level != null && level.isPersistentlyStarted()) {
                try {
                    bundle.start();
                    LOG.info("Started enterprise bundle {} (feature {})", bundle.getSymbolicName(),
                            EnterpriseGate.feature(bundle));
                } catch (BundleException | IllegalStateException e) {
                    LOG.warn("Enterprise bundle {} did not start: {}", bundle.getSymbolicName(), e.getMessage());
                }
            }
        }
    }
}
