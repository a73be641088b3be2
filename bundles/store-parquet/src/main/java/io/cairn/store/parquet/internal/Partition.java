package io.cairn.store.parquet.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One hour partition folder and its live file set, whose manifest is replaced atomically on every
 * change. Writers add files; compaction and retention, holding {@link #maintenance()}, replace them.
 */
final class Partition {
    private static final Logger LOG = LoggerFactory.getLogger(Partition.class);
    /** The names this store writes: data files and the temporary files of data files and manifests. */
    private static final Pattern OWN_FILE = Pattern.compile("[wc]\\d{19}\\.parquet(\\.tmp)?|_manifest\\.json\\.tmp");

    private final long hour;
    private final Path dir;
    private final ReentrantLock maintenance = new ReentrantLock();
    private volatile List<DataFile> files;

    private Partition(long hour, Path dir, List<DataFile> files) {
        this.hour = hour;
        this.dir = dir;
        this.files = List.copyOf(files);
    }

    static Partition create(long hour, Path dir) {
        return new Partition(hour, dir, List.of());
    }

    /**
     * Loads a partition folder and removes what this store wrote but never published: temporary files
     * of interrupted writes and data files missing from the manifest. Other files are left alone.
     */
    static Partition load(long hour, Path dir) throws IOException {
        Manifest manifest = Manifest.read(dir);
        Set<String> live = new HashSet<>();
        manifest.files().forEach(f -> live.add(f.name()));
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                if (!live.contains(name) && OWN_FILE.matcher(name).matches() && Files.isRegularFile(p)) {
                    LOG.info("removing {}: not in the manifest (an interrupted write or compaction)", p);
                    Files.delete(p);
                }
            }
        }
        return new Partition(hour, dir, manifest.files());
    }

    long hour() {
        return hour;
    }

    Path dir() {
        return dir;
    }

    List<DataFile> files() {
        return files;
    }

    ReentrantLock maintenance() {
        return maintenance;
    }

    long maxSeq() {
        return files.stream().mapToLong(DataFile::seq).max().orElse(0);
    }

    /** Publishes a written file. */
    synchronized void add(DataFile file) {
        List<DataFile> next = new ArrayList<>(files);
        next.add(file);
        publish(next);
    }

    /** Replaces files by others in one manifest swap. */
    synchronized void replace(List<DataFile> removed, List<DataFile> added) {
        Set<String> gone = new HashSet<>();
        removed.forEach(f -> gone.add(f.name()));
        List<DataFile> next = new ArrayList<>();
        for (DataFile f : files) {
            if (!gone.contains(f.name())) {
                next.add(f);
            }
        }
        next.addAll(added);
        publish(next);
    }

    /** Empties the partition by deleting its manifest: queries no longer see its files. */
    synchronized List<DataFile> drop() {
        List<DataFile> old = files;
        try {
            Files.deleteIfExists(dir.resolve(PartitionPaths.MANIFEST));
            AtomicFiles.forceFolder(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot drop the partition " + dir, e);
        }
        files = List.of();
        return old;
    }

    private void publish(List<DataFile> next) {
        next.sort(Comparator.comparingLong(DataFile::seq));
        try {
            Manifest.of(next).write(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest of " + dir, e);
        }
        files = List.copyOf(next);
    }
}
