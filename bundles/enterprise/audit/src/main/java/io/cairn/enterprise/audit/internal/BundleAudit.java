package io.cairn.enterprise.audit.internal;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Audits bundle changes however they happen (admin API, {@code deploy/} folder, console):
 * bundle.installed/updated/uninstalled from bundle events, and bundle.refused for an enterprise
 * bundle the license bundle would not let resolve (checked shortly after it is installed or refreshed).
 */
@Component(service = {}, immediate = true)
public final class BundleAudit implements BundleListener, FrameworkListener {
    /** How long after a change the refusal check runs: the installer tries to start the bundle first. */
    private static final long CHECK_DELAY_MS = 2000;

    private final BundleContext context;
    private final AuditTrail trail;
    private final RefusedBundles refused = new RefusedBundles();
    private final ScheduledExecutorService checks;

    @Reference(service = Function.class, cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(cairn.bundle.refusals=true)")
    private volatile Function<Long, String> refusals;

    @Activate
    public BundleAudit(BundleContext context, @Reference AuditTrail trail) {
        this.context = context;
        this.trail = trail;
        this.checks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cairn-audit-bundles");
            t.setDaemon(true);
            return t;
        });
        context.addBundleListener(this);
        context.addFrameworkListener(this);
        schedule();
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle bundle = event.getBundle();
        String type = switch (event.getType()) {
            case BundleEvent.INSTALLED -> "bundle.installed";
            case BundleEvent.UPDATED -> "bundle.updated";
            case BundleEvent.UNINSTALLED -> "bundle.uninstalled";
            default -> null;
        };
        if (type != null) {
            Map<String, Object> detail = RefusedBundles.describe(bundle);
            detail.put("location", bundle.getLocation());
            trail.record(AuditRecord.system(trail.now(), type, AuditRecord.SUCCESS, detail));
        }
        if (event.getType() == BundleEvent.UNINSTALLED) {
            refused.forget(bundle.getBundleId());
        } else if (RefusedBundles.feature(bundle) != null) {
            schedule();
        }
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
            schedule();
        }
    }

    private void schedule() {
        try {
            checks.schedule(this::checkRefusals, CHECK_DELAY_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // deactivated
        }
    }

    private void checkRefusals() {
        try {
            refused.check(context.getBundles(), refusals, trail.now()).forEach(trail::record);
        } catch (IllegalStateException contextGone) {
            // the bundle is stopping
        }
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(this);
        context.removeFrameworkListener(this);
        checks.shutdownNow();
    }
}
