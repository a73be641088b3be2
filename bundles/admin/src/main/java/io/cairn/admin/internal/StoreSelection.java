package io.cairn.admin.internal;

import io.cairn.api.store.TimeSeriesStore;
import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one store the active one: sets {@value TimeSeriesStore#ACTIVE_PROPERTY} in the chosen
 * store's configuration and clears it in every other store's, so the write engine and the query
 * servlets, which bind only the active store, move to it without a restart.
 */
@Component(service = StoreSelection.class, immediate = true, configurationPid = "io.cairn.admin.store")
@Designate(ocd = StoreSelection.Config.class)
public final class StoreSelection {
    private static final Logger LOG = LoggerFactory.getLogger(StoreSelection.class);

    /** The store chosen at start. */
    @ObjectClassDefinition(name = "Cairn store selection", description = "Which store writes and queries use")
    public @interface Config {
        @AttributeDefinition(description = "Name of the active store; empty means the framework property cairn.store, else lmdb")
        String store() default "";
    }

    private final ConfigurationAdmin configurations;
    private final SortedMap<String, TimeSeriesStore> stores = new TreeMap<>();
    private String wanted;

    /** Chooses the store named by the configuration, the framework property or the default. */
    @Activate
    public StoreSelection(@Reference ConfigurationAdmin configurations, BundleContext context, Config config) {
        this.configurations = configurations;
        String configured = config.store().isBlank() ? context.getProperty("cairn.store") : config.store();
        this.wanted = configured == null || configured.isBlank() ? "lmdb" : configured.trim();
        LOG.info("Active store: {}", wanted);
    }

    /** Tracks a store; the chosen one becomes active as soon as it is there, any other is made inactive. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, updated = "updatedStore")
    synchronized void bindStore(TimeSeriesStore store, Map<String, Object> properties) {
        stores.put(String.valueOf(properties.get(TimeSeriesStore.NAME_PROPERTY)), store);
        keepSelection(properties);
    }

    /**
     * Marks a store again when its configuration was replaced without the active flag (a {@code .cfg} file in the
     * deploy folder replaces the whole configuration) or given it when it is not the chosen one.
     */
    synchronized void updatedStore(TimeSeriesStore store, Map<String, Object> properties) {
        keepSelection(properties);
    }

    private void keepSelection(Map<String, Object> properties) {
        String name = String.valueOf(properties.get(TimeSeriesStore.NAME_PROPERTY));
        boolean active = Boolean.TRUE.equals(properties.get(TimeSeriesStore.ACTIVE_PROPERTY))
                || "true".equals(String.valueOf(properties.get(TimeSeriesStore.ACTIVE_PROPERTY)));
        if (active != name.equals(wanted)) {
            mark(name, name.equals(wanted));
        }
    }

    synchronized void unbindStore(TimeSeriesStore store, Map<String, Object> properties) {
        stores.remove(String.valueOf(properties.get(TimeSeriesStore.NAME_PROPERTY)), store);
    }

    /** Returns the name of the chosen store (it may not be running). */
    public synchronized String active() {
        return wanted;
    }

    /** Returns the running stores by name. */
    public synchronized SortedMap<String, TimeSeriesStore> stores() {
        return new TreeMap<>(stores);
    }

    /**
     * Makes a running store the active one: the old one stops taking writes and queries first.
     *
     * @throws IllegalArgumentException if no store of that name runs
     */
    public synchronized void select(String name) {
        if (!stores.containsKey(name)) {
            throw new IllegalArgumentException("no store named '" + name + "' runs; running: " + stores.keySet());
        }
        if (Objects.equals(name, wanted)) {
            return;
        }
        String previous = wanted;
        wanted = name;
        if (stores.containsKey(previous)) {
            mark(previous, false);
        }
        mark(name, true);
        LOG.info("Active store switched from {} to {}", previous, name);
    }

    private void mark(String name, boolean active) {
        try {
            Configuration configuration = configurations.getConfiguration("io.cairn.store." + name, "?");
            Dictionary<String, Object> properties = configuration.getProperties();
            if (properties == null) {
                properties = new Hashtable<>();
            }
            properties.put(TimeSeriesStore.ACTIVE_PROPERTY, active);
            configuration.update(properties);
        } catch (IOException e) {
            throw new IllegalStateException("cannot configure store " + name + ": " + e.getMessage(), e);
        }
    }
}
