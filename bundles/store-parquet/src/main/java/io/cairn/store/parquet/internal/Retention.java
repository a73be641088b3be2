package io.cairn.store.parquet.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes data older than a time: partitions wholly before it are dropped (manifest first, files
 * once no scan reads them); the partition the time falls in is rewritten without the older rows.
 */
final class Retention {
    private final Path root;
    private final PartitionCompactor compactor;
    private final FileReaper reaper;

    Retention(Path root, PartitionCompactor compactor, FileReaper reaper) {
        this.root = root;
        this.compactor = compactor;
        this.reaper = reaper;
    }

    long deleteBefore(MeasurementFiles m, long timeNanos) {
        long deleted = 0;
        for (Partition p : new ArrayList<>(m.partitions())) {
            long from = p.hour() * PartitionPaths.HOUR_NANOS;
            if (from >= timeNanos) {
                break;
            }
            if (from + PartitionPaths.HOUR_NANOS <= timeNanos) {
                deleted += drop(m, p);
            } else {
                CompactionRun run = compactor.rewrite(root, p, RowFilter.from(timeNanos, List.of()), 1);
                if (run != null) {
                    deleted += run.rowsIn() - run.rowsOut();
                }
            }
        }
        return deleted;
    }

    private long drop(MeasurementFiles m, Partition p) {
        p.maintenance().lock();
        try {
            List<DataFile> old = p.drop();
            m.forget(p);
            List<Path> paths = new ArrayList<>();
            old.forEach(f -> paths.add(p.dir().resolve(f.name())));
            reaper.retire(paths);
            return old.stream().mapToLong(DataFile::rows).sum();
        } finally {
            p.maintenance().unlock();
        }
    }
}
