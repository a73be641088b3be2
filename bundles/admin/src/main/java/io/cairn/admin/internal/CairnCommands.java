package io.cairn.admin.internal;

import io.cairn.api.store.StoreHealth;
import io.cairn.api.store.TimeSeriesStore;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo shell commands of the debug runtime: {@code cairn:status}, {@code cairn:store}, {@code cairn:swap}, {@code cairn:bundles}. */
@Component(service = CairnCommands.class, property = {
    "osgi.command.scope=cairn",
    "osgi.command.function=status",
    "osgi.command.function=store",
    "osgi.command.function=swap",
    "osgi.command.function=bundles"})
public final class CairnCommands {
    private final StoreSelection selection;
    private final BundleContext context;

    /** Creates the commands over the store selection. */
    @Activate
    public CairnCommands(@Reference StoreSelection selection, BundleContext context) {
        this.selection = selection;
        this.context = context;
    }

    /** Shows the active store, its health and counters. */
    public String status() {
        TimeSeriesStore active = selection.stores().get(selection.active());
        if (active == null) {
            return "active store " + selection.active() + " is not running";
        }
        StoreHealth health = active.health();
        return "store " + active.name() + (health.healthy() ? " healthy: " : " UNHEALTHY: ") + health.detail()
                + "\n" + active.stats();
    }

    /** Lists the running stores, marking the active one. */
    public String store() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, TimeSeriesStore> e : selection.stores().entrySet()) {
            out.append(e.getKey().equals(selection.active()) ? "* " : "  ").append(e.getKey())
                    .append(' ').append(e.getValue().health().detail()).append('\n');
        }
        return out.toString();
    }

    /** Makes another running store the active one. */
    public String swap(String name) {
        selection.select(name);
        return "active store: " + name;
    }

    /** Lists the bundles with their state. */
    public String bundles() {
        StringBuilder out = new StringBuilder();
        for (Bundle b : context.getBundles()) {
            out.append(String.format("%4d %-10s %s %s%n", b.getBundleId(), BundleAdminServlet.state(b.getState()), b.getSymbolicName(),
                    b.getVersion()));
        }
        return out.toString();
    }
}
