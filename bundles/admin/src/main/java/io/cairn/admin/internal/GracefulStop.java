package io.cairn.admin.internal;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the framework when the JVM is asked to end (SIGTERM, Ctrl-C): neither the launcher nor Felix
 * does, so without it no bundle would stop — Jetty would not stop taking requests first, the stores
 * would not close, the audit log would not write its last batch.
 */
@Component(immediate = true)
public final class GracefulStop {
    static final long WAIT_MS = 30_000;
    private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);

    private final Thread hook;

    @Activate
    public GracefulStop(BundleContext context) {
        Framework framework = (Framework) context.getBundle(0);
        hook = new Thread(() -> stop(framework), "cairn-graceful-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Deactivate
    void deactivate() {
        if (Thread.currentThread() == hook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            LOG.debug("the JVM is already ending");
        }
    }

    static void stop(Framework framework) {
        try {
            LOG.info("stopping the framework before the JVM ends");
            framework.stop();
            framework.waitForStop(WAIT_MS);
        } catch (BundleException | InterruptedException | IllegalStateException e) {
            LOG.warn("the framework did not stop cleanly: {}", e.toString());
        }
    }
}
