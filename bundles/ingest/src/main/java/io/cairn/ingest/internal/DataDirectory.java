package io.cairn.ingest.internal;

import java.nio.file.Path;
import org.osgi.framework.BundleContext;

/** Resolves Cairn's data directory: the component's {@code data_dir}, else {@code cairn.data.dir}, else {@code data}. */
final class DataDirectory {
    static final String FRAMEWORK_PROPERTY = "cairn.data.dir";

    private DataDirectory() {
    }

    static Path resolve(String configured, BundleContext context) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        String property = context == null ? null : context.getProperty(FRAMEWORK_PROPERTY);
        return Path.of(property == null || property.isBlank() ? "data" : property.trim());
    }
}
