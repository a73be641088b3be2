package io.cairn.store.parquet.internal;

import io.cairn.api.model.FieldType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Rewrites a partition's files as one sorted, deduplicated file (more when it passes the target
 * size), streaming through a {@link PartitionMerge}, and swaps the new set in with one manifest
 * write; the old files go to the {@link FileReaper}. Also cuts a partition at a retention time.
 */
final class PartitionCompactor {
    private final Supplier<Settings> settings;
    private final LongSupplier nextNumber;
    private final FileReaper reaper;

    PartitionCompactor(Supplier<Settings> settings, LongSupplier nextNumber, FileReaper reaper) {
        this.settings = settings;
        this.nextNumber = nextNumber;
        this.reaper = reaper;
    }

    /** Merges the live files of a partition keeping the rows the filter accepts; null when there was nothing to do. */
    CompactionRun rewrite(Path root, Partition partition, RowFilter keep, int minFiles) {
        partition.maintenance().lock();
        try {
            List<DataFile> inputs = partition.files();
            if (inputs.size() < minFiles) {
                return null;
            }
            long started = System.currentTimeMillis();
            String name = root.relativize(partition.dir()).toString();
            List<DataFile> outputs = BundleLoader.call(() -> merge(partition, inputs, keep));
            partition.replace(inputs, outputs);
            List<Path> old = new ArrayList<>();
            inputs.forEach(f -> old.add(partition.dir().resolve(f.name())));
            reaper.retire(old);
            long rowsIn = inputs.stream().mapToLong(DataFile::rows).sum();
            long rowsOut = outputs.stream().mapToLong(DataFile::rows).sum();
            return new CompactionRun(name, started, System.currentTimeMillis() - started, inputs.size(),
                    outputs.size(), rowsIn, rowsOut, null);
        } finally {
            partition.maintenance().unlock();
        }
    }

    private List<DataFile> merge(Partition partition, List<DataFile> inputs, RowFilter keep) {
        Map<String, FieldType> fields = new TreeMap<>();
        TreeSet<String> tags = new TreeSet<>();
        long seq = 0;
        for (DataFile f : inputs) {
            f.fields().forEach(fields::putIfAbsent);
            tags.addAll(f.tags());
            seq = Math.max(seq, f.seq());
        }
        Slots slots = Slots.of(fields);
        List<String> tagKeys = List.copyOf(tags);
        List<DataFile> outputs = new ArrayList<>();
        Settings now = settings.get();
        PartitionFileWriter writer = null;
        try (PartitionMerge merge = PartitionMerge.open(partition.dir(), inputs, slots, keep)) {
            Row row;
            while ((row = merge.next()) != null) {
                if (writer == null) {
                    writer = new PartitionFileWriter(partition.dir(), String.format("c%019d%s", nextNumber.getAsLong(),
                            PartitionPaths.SUFFIX), tagKeys, slots, now.codec());
                }
                writer.write(row);
                if (writer.rows() % 8192 == 0 && writer.dataSize() >= now.targetFileBytes()) {
                    outputs.add(writer.finish(seq));
                    writer = null;
                }
            }
            if (writer != null) {
                outputs.add(writer.finish(seq));
                writer = null;
            }
            return outputs;
        } catch (IOException | RuntimeException e) {
            if (writer != null) {
                writer.abort();
            }
            for (DataFile f : outputs) {
                try {
                    Files.deleteIfExists(partition.dir().resolve(f.name()));
                } catch (IOException ignored) {
                    // removed on the next start: it is not in the manifest
                }
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }
}
