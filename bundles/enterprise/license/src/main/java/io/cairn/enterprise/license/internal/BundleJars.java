package io.cairn.enterprise.license.internal;

import java.io.File;
import java.net.URI;
import java.util.Optional;
import org.osgi.framework.Bundle;

/**
 * Finds the JAR an installed bundle runs from: Felix keeps a copy of each revision in its cache
 * ({@code bundleN/versionX.Y/bundle.jar} next to the bundle's data folder), else the location's file.
 */
final class BundleJars {
    private BundleJars() {
    }

    /** The bundle's current JAR, if it can be found. */
    static Optional<File> of(Bundle bundle) {
        File data = bundle.getDataFile("");
        if (data != null && data.getParentFile() != null) {
            File newest = null;
            double newestRevision = -1;
            File[] revisions = data.getParentFile().listFiles((d, n) -> n.startsWith("version"));
            for (File revision : revisions == null ? new File[0] : revisions) {
                File jar = new File(revision, "bundle.jar");
                double number = revisionNumber(revision.getName());
                if (jar.isFile() && number > newestRevision) {
                    newest = jar;
                    newestRevision = number;
                }
            }
            if (newest != null) {
                return Optional.of(newest);
            }
        }
        return fromLocation(bundle.getLocation());
    }

    private static double revisionNumber(String folder) {
        String[] parts = folder.substring("version".length()).split("\\.");
        try {
            return Long.parseLong(parts[0]) * 1_000_000.0 + (parts.length > 1 ? Long.parseLong(parts[1]) : 0);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Optional<File> fromLocation(String location) {
        String path = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        try {
            File file = path.startsWith("file:") ? new File(URI.create(path)) : new File(path);
            return file.isFile() ? Optional.of(file) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
