package io.cairn.enterprise.license.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's license: loads it at start, installs and removes it at runtime, re-checks its phase
 * hourly, and registers the resolver hook that lets enterprise bundles run only when signed and
 * licensed; enterprise bundles follow every change without a restart.
 */
@Component(service = ActiveLicense.class, immediate = true, configurationPid = "io.cairn.license")
@Designate(ocd = ActiveLicense.Config.class)
public final class ActiveLicense {
    /** Service property of the {@code Function<Long,String>} service that says why an enterprise bundle is refused. */
    public static final String REASONS_PROPERTY = "cairn.bundle.refusals";

    private static final Logger LOG = LoggerFactory.getLogger(ActiveLicense.class);

    /** Where the license is kept. */
    @ObjectClassDefinition(name = "Cairn license")
    public @interface Config {
        @AttributeDefinition(description = "Data directory; empty for the framework property cairn.data.dir, else ./data")
        String data_dir() default "";
    }

    private final InstalledLicense installed;
    private final EnterpriseGate gate;
    private final EnterpriseBundles bundles;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
            r -> new Thread(r, "cairn-license"));
    private final BundleListener uninstalls;
    private final BundleContext context;
    private final ServiceRegistration<ResolverHookFactory> hook;
    private final ServiceRegistration<?> reasons;

    /** Loads the license and starts gating enterprise bundles. */
    @Activate
    public ActiveLicense(BundleContext context, Config config) throws IOException {
        this.context = context;
        VendorCertificate vendor = vendorCertificate(context);
        if (vendor.unusableBecause() != null) {
            LOG.error("License bundle: {}", vendor.unusableBecause());
        }
        LicenseVerifier verifier = new LicenseVerifier(vendor, Clock.systemUTC(),
                Runtime.getRuntime().availableProcessors(),
                MachineFingerprint.of(context.getProperty(MachineFingerprint.PROPERTY)));
        installed = new InstalledLicense(verifier, dataDirectory(config.data_dir(), context).resolve("license"));
        installed.load();
        gate = new EnterpriseGate(new BundleSignature(vendor), installed::status, BundleJars::of);
        bundles = new EnterpriseBundles(context, gate);
        uninstalls = event -> {
            if (event.getType() == BundleEvent.UNINSTALLED) {
                gate.forget(event.getBundle());
            }
        };
        context.addBundleListener(uninstalls);
        hook = context.registerService(ResolverHookFactory.class, gate, null);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(REASONS_PROPERTY, Boolean.TRUE);
        reasons = context.registerService(Function.class.getName(), gate, props);
        worker.execute(bundles::align);
        worker.scheduleAtFixedRate(this::recheck, 1, 1, TimeUnit.HOURS);
    }

    @Deactivate
    void stop() {
        worker.shutdownNow();
        context.removeBundleListener(uninstalls);
        hook.unregister();
        reasons.unregister();
    }

    /** The license's status now. */
    public LicenseStatus status() {
        return installed.status();
    }

    /** Verifies and installs a license; enterprise bundles follow in the background. */
    public LicenseStatus install(byte[] document) throws LicenseException, IOException {
        LicenseStatus status = installed.install(document);
        worker.execute(bundles::align);
        return status;
    }

    /** Removes the license; enterprise bundles stop in the background. */
    public void remove() throws IOException {
        installed.remove();
        worker.execute(bundles::align);
    }

    private void recheck() {
        if (installed.reevaluate()) {
            bundles.align();
        }
    }

    private static VendorCertificate vendorCertificate(BundleContext context) throws IOException {
        String kind = context.getBundle().getHeaders("").get("Cairn-Vendor-Key");
        try (InputStream in = ActiveLicense.class.getResourceAsStream("/vendor/vendor-cert.pem")) {
            if (in == null) {
                throw new IOException("the license bundle has no vendor certificate (vendor/vendor-cert.pem)");
            }
            return VendorCertificate.read(in, "release".equals(kind));
        }
    }

    static Path dataDirectory(String configured, BundleContext context) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String framework = context.getProperty("cairn.data.dir");
        return Path.of(framework == null || framework.isBlank() ? "data" : framework);
    }
}
