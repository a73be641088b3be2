package io.cairn.admin.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/admin/bundles}: {@code GET} lists the bundles (symbolic name, version, state and
 * why a failed one is not running), {@code POST} installs and starts the jar sent as the body,
 * {@code PUT /{symbolicName}} updates a bundle from the body, {@code POST /{symbolicName}/stop} and
 * {@code /start} stop and start it, {@code DELETE /{symbolicName}} uninstalls it.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api/v1/admin/bundles", "/api/v1/admin/bundles/*"})
@HttpWhiteboardServletName("cairn-admin-bundles")
public final class BundleAdminServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(BundleAdminServlet.class);

    private final transient BundleContext context;
    private final transient BundleProblems problems;

    /** Creates the servlet and starts listening for bundle failures. */
    @Activate
    public BundleAdminServlet(BundleContext context) {
        this.context = context;
        this.problems = new BundleProblems(context);
        context.addFrameworkListener(problems);
    }

    @Deactivate
    void stop() {
        context.removeFrameworkListener(problems);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!AdminReplies.allowed(request, response)) {
            return;
        }
        String name = symbolicName(request);
        if (name == null) {
            List<Map<String, Object>> all = new ArrayList<>();
            for (Bundle b : context.getBundles()) {
                all.add(describe(b));
            }
            AdminReplies.reply(response, 200, Map.of("bundles", all));
            return;
        }
        Bundle bundle = find(name);
        if (bundle == null) {
            AdminReplies.error(response, 404, "NOT_FOUND", "no bundle named " + name);
        } else {
            AdminReplies.reply(response, 200, describe(bundle));
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (symbolicName(request) != null) {
            startOrStop(request, response);
            return;
        }
        if (!AdminReplies.allowed(request, response)) {
            return;
        }
        Bundle bundle;
        try (InputStream jar = request.getInputStream()) {
            bundle = context.installBundle("cairn-upload:" + UUID.randomUUID(), jar);
            startsWithCairnsBundles(bundle);
        } catch (BundleException e) {
            int status = e.getType() == BundleException.DUPLICATE_BUNDLE_ERROR ? 409 : 400;
            AdminReplies.error(response, status, status == 409 ? "BUNDLE_EXISTS" : "INVALID_BUNDLE", e.getMessage());
            return;
        }
        start(bundle);
        LOG.info("Installed bundle {} {}", bundle.getSymbolicName(), bundle.getVersion());
        AdminReplies.reply(response, 201, describe(bundle));
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Bundle bundle = target(request, response);
        if (bundle == null) {
            return;
        }
        try (InputStream jar = request.getInputStream()) {
            bundle.update(jar);
        } catch (BundleException e) {
            problems.record(bundle, e.getMessage());
            AdminReplies.error(response, 400, "INVALID_BUNDLE", e.getMessage());
            return;
        }
        refresh(bundle);
        start(bundle);
        LOG.info("Updated bundle {} to {}", bundle.getSymbolicName(), bundle.getVersion());
        AdminReplies.reply(response, 200, describe(bundle));
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Bundle bundle = target(request, response);
        if (bundle == null) {
            return;
        }
        try {
            bundle.uninstall();
        } catch (BundleException e) {
            AdminReplies.error(response, 409, "BUNDLE_BUSY", e.getMessage());
            return;
        }
        refresh(bundle);
        LOG.info("Uninstalled bundle {}", bundle.getSymbolicName());
        response.setStatus(204);
    }

    private void startOrStop(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        String action = path.substring(path.lastIndexOf('/') + 1);
        if (!action.equals("start") && !action.equals("stop")) {
            AdminReplies.error(response, 405, "METHOD_NOT_ALLOWED",
                    "POST installs at /api/v1/admin/bundles, or starts and stops at /{symbolicName}/start|stop");
            return;
        }
        Bundle bundle = target(request, response);
        if (bundle == null) {
            return;
        }
        if (action.equals("start")) {
            start(bundle);
        } else {
            try {
                bundle.stop();
            } catch (BundleException e) {
                AdminReplies.error(response, 409, "BUNDLE_BUSY", e.getMessage());
                return;
            }
        }
        LOG.info("Bundle {} {}", bundle.getSymbolicName(), action.equals("start") ? "started" : "stopped");
        AdminReplies.reply(response, 200, describe(bundle));
    }

    /** Finds the bundle a PUT, POST or DELETE names, refusing the framework and this bundle. */
    private Bundle target(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!AdminReplies.allowed(request, response)) {
            return null;
        }
        String name = symbolicName(request);
        Bundle bundle = name == null ? null : find(name);
        if (bundle == null) {
            AdminReplies.error(response, 404, "NOT_FOUND", "no bundle named " + name);
            return null;
        }
        if (bundle.getBundleId() == 0 || bundle.equals(context.getBundle())) {
            AdminReplies.error(response, 409, "BUNDLE_PROTECTED",
                    "the framework and the admin bundle cannot be changed through themselves");
            return null;
        }
        return bundle;
    }

    /**
     * Gives a new bundle the start level of Cairn's own bundles (this one's): the launcher gives bundles it did
     * not list a level above the active one, and HTTP runs a level above Cairn's bundles so that it stops first.
     */
    private void startsWithCairnsBundles(Bundle bundle) {
        int cairns = context.getBundle().adapt(BundleStartLevel.class).getStartLevel();
        BundleStartLevel level = bundle.adapt(BundleStartLevel.class);
        if (level.getStartLevel() != cairns) {
            level.setStartLevel(cairns);
        }
    }

    private void start(Bundle bundle) {
        if (bundle.getHeaders().get("Fragment-Host") != null) {
            return;
        }
        try {
            bundle.start();
            problems.clear(bundle);
        } catch (BundleException | IllegalStateException e) {
            problems.record(bundle, e.getMessage());
            LOG.warn("Bundle {} did not start: {}", bundle.getSymbolicName(), e.getMessage());
        }
    }

    /** Refreshes what wires to a bundle and waits (at most 30 s) until the framework has done so. */
    private void refresh(Bundle bundle) {
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(Set.of(bundle), event -> refreshed.countDown());
        try {
            if (!refreshed.await(30, TimeUnit.SECONDS)) {
                LOG.warn("Refreshing {} did not finish within 30 s", bundle.getSymbolicName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Bundle find(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    private static String symbolicName(HttpServletRequest request) {
        String path = request.getPathInfo();
        if (path == null || path.equals("/")) {
            return null;
        }
        String name = path.substring(1);
        return name.endsWith("/start") || name.endsWith("/stop") ? name.substring(0, name.lastIndexOf('/')) : name;
    }

    private Map<String, Object> describe(Bundle bundle) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", bundle.getBundleId());
        d.put("symbolic_name", bundle.getSymbolicName());
        d.put("version", bundle.getVersion().toString());
        d.put("state", state(bundle.getState()));
        d.put("location", bundle.getLocation());
        String why = problems.why(bundle);
        if (why != null) {
            d.put("error", why);
        }
        return d;
    }

    /** Names a bundle state as the bundle list shows it. */
    static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "installed";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            case Bundle.ACTIVE -> "active";
            default -> "uninstalled";
        };
    }
}
