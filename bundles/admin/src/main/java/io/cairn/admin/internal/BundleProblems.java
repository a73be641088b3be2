package io.cairn.admin.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;

/**
 * Remembers the last failure of each bundle (from the framework's error events and from our own calls) and asks
 * the services that refuse bundles (e.g. the license bundle: {@code Function<Long,String>} with
 * {@value #REFUSALS}{@code =true}, bundle id to reason) why a bundle is held back.
 */
final class BundleProblems implements FrameworkListener {
    static final String REFUSALS = "cairn.bundle.refusals";

    private final Map<Long, String> problems = new ConcurrentHashMap<>();
    private final BundleContext context;

    BundleProblems(BundleContext context) {
        this.context = context;
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.ERROR && event.getBundle() != null) {
            Throwable cause = event.getThrowable();
            record(event.getBundle(), cause == null ? "failed" : cause.getMessage());
        }
    }

    void record(Bundle bundle, String problem) {
        problems.put(bundle.getBundleId(), problem == null ? "failed" : problem);
    }

    void clear(Bundle bundle) {
        problems.remove(bundle.getBundleId());
    }

    /** Returns why a bundle is not active, or null when it is active or nothing is known. */
    String why(Bundle bundle) {
        if (bundle.getState() == Bundle.ACTIVE) {
            return null;
        }
        String refused = refusal(bundle.getBundleId());
        if (refused != null) {
            return refused;
        }
        String known = problems.get(bundle.getBundleId());
        if (known == null && bundle.getState() == Bundle.INSTALLED) {
            return "not resolved: a requirement of the bundle is missing";
        }
        return known;
    }

    @SuppressWarnings("unchecked")
    private String refusal(long bundleId) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(Function.class.getName(), "(" + REFUSALS + "=true)");
            for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
                Object service = context.getService(ref);
                try {
                    String reason = service instanceof Function<?, ?> f ? ((Function<Long, String>) f).apply(bundleId) : null;
                    if (reason != null) {
                        return reason;
                    }
                } finally {
                    context.ungetService(ref);
                }
            }
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return null;
        }
        return null;
    }
}
