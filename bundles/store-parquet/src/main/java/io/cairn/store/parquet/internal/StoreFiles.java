package io.cairn.store.parquet.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/** Every database and measurement folder under the store's root, loaded at start. */
final class StoreFiles {
    private final Path root;
    private final Map<String, ConcurrentSkipListMap<String, MeasurementFiles>> databases = new ConcurrentHashMap<>();

    private StoreFiles(Path root) {
        this.root = root;
    }

    static StoreFiles load(Path root) throws IOException {
        StoreFiles files = new StoreFiles(root);
        Files.createDirectories(root);
        for (Path db : folders(root)) {
            String database = db.getFileName().toString();
            for (Path m : folders(db)) {
                String measurement = PartitionPaths.decode(m.getFileName().toString());
                files.measurements(database).put(measurement, MeasurementFiles.load(database, measurement, m));
            }
        }
        return files;
    }

    private static List<Path> folders(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        }
    }

    Path root() {
        return root;
    }

    private ConcurrentSkipListMap<String, MeasurementFiles> measurements(String database) {
        return databases.computeIfAbsent(database, d -> new ConcurrentSkipListMap<>());
    }

    /** Returns a measurement's files, or null when it has never been written. */
    MeasurementFiles find(String database, String measurement) {
        Map<String, MeasurementFiles> m = databases.get(database);
        return m == null ? null : m.get(measurement);
    }

    MeasurementFiles findOrCreate(String database, String measurement) {
        return measurements(database).computeIfAbsent(measurement, name -> {
            try {
                return MeasurementFiles.load(database, name, PartitionPaths.measurementDir(root, database, name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Returns every measurement, database by database. */
    List<MeasurementFiles> all() {
        List<MeasurementFiles> all = new ArrayList<>();
        databases.values().forEach(m -> all.addAll(m.values()));
        return all;
    }

    List<String> databaseNames() {
        return databases.entrySet().stream()
                .filter(e -> e.getValue().values().stream().anyMatch(m -> !m.catalog().isEmpty()))
                .map(Map.Entry::getKey).sorted().toList();
    }

    List<String> measurementNames(String database) {
        Map<String, MeasurementFiles> m = databases.get(database);
        if (m == null) {
            return List.of();
        }
        return m.values().stream().filter(f -> !f.catalog().isEmpty()).map(MeasurementFiles::measurement).toList();
    }

    /** Returns the highest file sequence in use, so new files get higher ones. */
    long maxSeq() {
        long max = 0;
        for (MeasurementFiles m : all()) {
            for (Partition p : m.partitions()) {
                for (DataFile f : p.files()) {
                    max = Math.max(max, Math.max(f.seq(), numberIn(f.name())));
                }
            }
        }
        return max;
    }

    private static long numberIn(String name) {
        String digits = name.replaceAll("\\D", "");
        try {
            return digits.isEmpty() ? 0 : Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
