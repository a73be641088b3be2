package io.cairn.store.parquet.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The live file set of one partition, stored as {@code _manifest.json} in its folder and replaced
 * atomically: a reader sees either the old or the new set.
 *
 * @param version the format version
 * @param files the live files, in ascending sequence
 */
record Manifest(int version, List<DataFile> files) {
    private static final ObjectMapper JSON = new ObjectMapper();

    Manifest {
        files = List.copyOf(files);
    }

    static Manifest of(List<DataFile> files) {
        return new Manifest(1, files);
    }

    /** Reads the manifest of a partition folder; an absent one is empty. */
    static Manifest read(Path partitionDir) throws IOException {
        Path file = partitionDir.resolve(PartitionPaths.MANIFEST);
        if (!Files.exists(file)) {
            return of(List.of());
        }
        return JSON.readValue(file.toFile(), Manifest.class);
    }

    /** Writes the manifest of a partition folder atomically. */
    void write(Path partitionDir) throws IOException {
        AtomicFiles.write(partitionDir.resolve(PartitionPaths.MANIFEST), JSON.writeValueAsBytes(this));
    }
}
