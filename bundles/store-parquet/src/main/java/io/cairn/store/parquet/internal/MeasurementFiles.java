package io.cairn.store.parquet.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/** A measurement's folder: its catalog and its hour partitions in ascending order. */
final class MeasurementFiles {
    private final String database;
    private final String measurement;
    private final Path dir;
    private final MeasurementCatalog catalog;
    private final ConcurrentSkipListMap<Long, Partition> partitions = new ConcurrentSkipListMap<>();

    private MeasurementFiles(String database, String measurement, Path dir, MeasurementCatalog catalog) {
        this.database = database;
        this.measurement = measurement;
        this.dir = dir;
        this.catalog = catalog;
    }

    /** Loads a measurement folder (an absent one is empty), cleaning every partition. */
    static MeasurementFiles load(String database, String measurement, Path dir) throws IOException {
        MeasurementFiles m = new MeasurementFiles(database, measurement, dir, MeasurementCatalog.load(dir));
        if (!Files.isDirectory(dir)) {
            return m;
        }
        for (Path year : folders(dir)) {
            for (Path month : folders(year)) {
                for (Path day : folders(month)) {
                    for (Path hourDir : folders(day)) {
                        Long hour = PartitionPaths.hourOf(year.getFileName().toString(),
                                month.getFileName().toString(), day.getFileName().toString(),
                                hourDir.getFileName().toString());
                        if (hour != null) {
                            m.partitions.put(hour, Partition.load(hour, hourDir));
                        }
                    }
                }
            }
        }
        return m;
    }

    private static Iterable<Path> folders(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        }
    }

    String database() {
        return database;
    }

    String measurement() {
        return measurement;
    }

    MeasurementCatalog catalog() {
        return catalog;
    }

    /** Returns the partition of an hour, creating it (without a folder yet) when absent. */
    Partition partition(long hour) {
        return partitions.computeIfAbsent(hour, h -> Partition.create(h, PartitionPaths.partitionDir(dir, h)));
    }

    Collection<Partition> partitions() {
        return partitions.values();
    }

    Collection<Partition> partitionsBetween(long fromHour, long toHour) {
        return partitions.subMap(fromHour, true, toHour, true).values();
    }

    void forget(Partition partition) {
        partitions.remove(partition.hour(), partition);
    }
}
