package io.cairn.admin.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;

/** Remembers the last failure of each bundle (from the framework's error events and from our own calls). */
final class BundleProblems implements FrameworkListener {
    private final Map<Long, String> problems = new ConcurrentHashMap<>();

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
        String known = problems.get(bundle.getBundleId());
        if (known == null && bundle.getState() == Bundle.INSTALLED) {
            return "not resolved: a requirement of the bundle is missing";
        }
        return known;
    }
}
