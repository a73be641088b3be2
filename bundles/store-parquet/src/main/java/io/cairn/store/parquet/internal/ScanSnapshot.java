package io.cairn.store.parquet.internal;

import java.nio.file.Path;
import java.util.List;

/**
 * The partitions and live files a scan reads, fixed when it starts; the files stay on disk until
 * the snapshot is released.
 *
 * @param parts the partitions in ascending hour order
 * @param token the {@link FileReaper} registration to release when done
 */
record ScanSnapshot(List<Part> parts, long token) {
    /** One partition folder and its live files. */
    record Part(long hour, Path dir, List<DataFile> files) {
    }
}
