package io.cairn.security.internal;

import java.nio.file.Path;
import org.osgi.framework.BundleContext;

/** What the security bundle reads from its framework: where it keeps its files ({@code <data>/security}) and switches. */
final class FrameworkSettings {
    private FrameworkSettings() {
    }

    /** Returns {@code security} under the configured data directory, else {@code cairn.data.dir}, else {@code data}. */
    static Path securityDirectory(String configured, BundleContext context) {
        String dir = configured;
        if (dir == null || dir.isBlank()) {
            dir = context.getProperty("cairn.data.dir");
        }
        if (dir == null || dir.isBlank()) {
            dir = "data";
        }
        return Path.of(dir, "security");
    }

    /** Returns a framework property, or the fallback when it is unset or blank. */
    static String property(BundleContext context, String name, String fallback) {
        String value = context.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
