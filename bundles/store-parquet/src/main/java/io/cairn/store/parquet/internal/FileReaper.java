package io.cairn.store.parquet.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes files that left the live set (compaction, retention) once no scan that might still read
 * them is open: every scan registers when it takes its snapshot, every retirement is numbered, and a
 * file goes when all scans older than its retirement are done.
 */
final class FileReaper {
    private static final Logger LOG = LoggerFactory.getLogger(FileReaper.class);

    private final TreeMap<Long, Integer> openScans = new TreeMap<>();
    private final List<Retired> retired = new ArrayList<>();
    private long epoch;

    private record Retired(long epoch, Path path) {
    }

    /** Takes a snapshot and registers it; returns the snapshot built with the registration token. */
    synchronized <T> T open(LongFunction<T> snapshot) {
        openScans.merge(epoch, 1, Integer::sum);
        return snapshot.apply(epoch);
    }

    synchronized void release(long token) {
        openScans.computeIfPresent(token, (k, n) -> n == 1 ? null : n - 1);
        sweep();
    }

    /** Schedules files for deletion once the scans that may read them are closed. */
    synchronized void retire(List<Path> paths) {
        epoch++;
        for (Path p : paths) {
            retired.add(new Retired(epoch, p));
        }
        sweep();
    }

    synchronized int pending() {
        return retired.size();
    }

    private void sweep() {
        long oldestScan = openScans.isEmpty() ? Long.MAX_VALUE : openScans.firstKey();
        for (Iterator<Retired> it = retired.iterator(); it.hasNext();) {
            Retired r = it.next();
            if (r.epoch() <= oldestScan) {
                delete(r.path());
                it.remove();
            }
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
            Path dir = path.getParent();
            for (int i = 0; i < 4 && dir != null && isEmptyFolder(dir); i++) {
                Files.delete(dir);
                dir = dir.getParent();
            }
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", path, e.getMessage());
        }
    }

    private static boolean isEmptyFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
