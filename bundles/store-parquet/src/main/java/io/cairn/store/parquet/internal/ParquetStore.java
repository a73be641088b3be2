package io.cairn.store.parquet.internal;

import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.StoreCapability;
import io.cairn.api.store.StoreHealth;
import io.cairn.api.store.TimeSeriesStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Parquet store: partitioned, sorted Parquet files under {@code <dataDir>/parquet} that other
 * tools read, with a manifest per hour partition, a catalog log per measurement and background
 * compaction; see {@code docs/store-parquet.md}.
 */
@Component(service = {TimeSeriesStore.class, CompactionControl.class}, immediate = true,
        configurationPid = "io.cairn.store.parquet", property = TimeSeriesStore.NAME_PROPERTY + "=parquet")
@Designate(ocd = ParquetStore.Config.class)
public final class ParquetStore implements TimeSeriesStore, CompactionControl {
    private static final Logger LOG = LoggerFactory.getLogger(ParquetStore.class);
    private static final Set<StoreCapability> CAPABILITIES =
            EnumSet.of(StoreCapability.TIME_RANGE, StoreCapability.TAG_FILTER, StoreCapability.PROJECTION,
                    StoreCapability.AGGREGATION, StoreCapability.LIMIT);

    /** Configuration of the Parquet store. */
    @ObjectClassDefinition(name = "Cairn Parquet store")
    public @interface Config {
        @AttributeDefinition(description = "Data directory; empty means the framework property cairn.data.dir, else 'data'")
        String data_dir() default "";

        @AttributeDefinition(description = "Compression of new files: ZSTD, SNAPPY, GZIP or UNCOMPRESSED")
        String compression() default "ZSTD";

        @AttributeDefinition(description = "Size in MiB at which compaction starts another file of a partition")
        long target_file_size_mb() default 512;

        @AttributeDefinition(description = "Seconds between background compaction runs; 0 turns them off")
        long compaction_interval_seconds() default 60;

        @AttributeDefinition(description = "Files that make a partition of the current hour due for compaction")
        int compaction_min_files() default 16;
    }

    private final StoreFiles files;
    private final FileReaper reaper = new FileReaper();
    private final StoreWriter writer;
    private final StoreScanner scanner;
    private final PartitionCompactor compactor;
    private final Compactions compactions;
    private final AtomicLong seq;
    private volatile Settings settings;
    private volatile boolean open = true;

    @Activate
    public ParquetStore(Config config, BundleContext context) {
        this(dataDir(config.data_dir(), context.getProperty("cairn.data.dir")).resolve("parquet"), settings(config));
    }

    ParquetStore(Path root, Settings settings) {
        this.settings = settings;
        try {
            this.files = StoreFiles.load(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the Parquet store at " + root, e);
        }
        this.seq = new AtomicLong(files.maxSeq());
        this.writer = new StoreWriter(files, seq::incrementAndGet, () -> this.settings);
        this.scanner = new StoreScanner(files, reaper);
        this.compactor = new PartitionCompactor(() -> this.settings, seq::incrementAndGet, reaper);
        this.compactions = new Compactions(files, compactor, () -> this.settings.compactionMinFiles());
        compactions.schedule(settings.compactionIntervalSeconds());
        LOG.debug("Parquet store open at {}", root);
    }

    static Settings settings(Config config) {
        CompressionCodecName codec;
        try {
            codec = Settings.codec(config.compression());
        } catch (IllegalArgumentException e) {
            LOG.warn("compression {} is not ZSTD, SNAPPY, GZIP or UNCOMPRESSED: using ZSTD", config.compression());
            codec = CompressionCodecName.ZSTD;
        }
        return new Settings(codec, Math.max(1, config.target_file_size_mb()) << 20,
                Math.max(0, config.compaction_interval_seconds()), Math.max(2, config.compaction_min_files()));
    }

    static Path dataDir(String configured, String frameworkProperty) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        if (frameworkProperty != null && !frameworkProperty.isBlank()) {
            return Path.of(frameworkProperty);
        }
        return Path.of("data");
    }

    /** Takes new tunables (and, through DS, new service properties such as cairn.store.active) without restarting. */
    @Modified
    void modified(Config config) {
        settings = settings(config);
        compactions.schedule(settings.compactionIntervalSeconds());
    }

    @Deactivate
    void close() {
        open = false;
        compactions.close();
        LOG.debug("Parquet store at {} closed", files.root());
    }

    @Override
    public String name() {
        return "parquet";
    }

    @Override
    public Set<StoreCapability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void write(WriteBatch batch) {
        BundleLoader.run(() -> writer.write(batch));
    }

    @Override
    public ScanCursor scan(ScanRequest request) {
        return BundleLoader.call(() -> scanner.scan(request));
    }

    @Override
    public List<String> databases() {
        return files.databaseNames();
    }

    @Override
    public List<String> measurements(String database) {
        return files.measurementNames(database);
    }

    @Override
    public List<String> tagKeys(String database, String measurement) {
        MeasurementFiles m = files.find(database, measurement);
        return m == null ? List.of() : m.catalog().tagKeys();
    }

    @Override
    public List<String> tagValues(String database, String measurement, String key, int limit) {
        MeasurementFiles m = files.find(database, measurement);
        return m == null ? List.of() : m.catalog().tagValues(key, limit);
    }

    @Override
    public Map<String, FieldType> fields(String database, String measurement) {
        MeasurementFiles m = files.find(database, measurement);
        return m == null ? Map.of() : m.catalog().fields();
    }

    @Override
    public long seriesCount(String database, String measurement) {
        MeasurementFiles m = files.find(database, measurement);
        return m == null ? 0 : m.catalog().seriesCount();
    }

    @Override
    public boolean seriesExists(String database, String measurement, Tags tags) {
        MeasurementFiles m = files.find(database, measurement);
        return m != null && m.catalog().hasSeries(tags);
    }

    @Override
    public long deleteBefore(String database, String measurement, long timeNanos) {
        MeasurementFiles m = files.find(database, measurement);
        return m == null ? 0 : new Retention(files.root(), compactor, reaper).deleteBefore(m, timeNanos);
    }

    @Override
    public StoreHealth health() {
        Path root = files.root();
        if (!open) {
            return new StoreHealth(false, "the Parquet store at " + root + " is closed");
        }
        if (!Files.isDirectory(root) || !Files.isWritable(root)) {
            return new StoreHealth(false, "the Parquet folder " + root + " is not a writable folder");
        }
        return new StoreHealth(true, "Parquet at " + root);
    }

    @Override
    public Map<String, Number> stats() {
        Map<String, Number> stats = new LinkedHashMap<>();
        long series = 0;
        long partitions = 0;
        long fileCount = 0;
        long bytes = 0;
        long rows = 0;
        for (MeasurementFiles m : files.all()) {
            series += m.catalog().seriesCount();
            for (Partition p : m.partitions()) {
                partitions += p.files().isEmpty() ? 0 : 1;
                for (DataFile f : p.files()) {
                    fileCount++;
                    bytes += f.bytes();
                    rows += f.rows();
                }
            }
        }
        stats.put("series", series);
        stats.put("partitions", partitions);
        stats.put("files", fileCount);
        stats.put("rows", rows);
        stats.put("bytes_on_disk", bytes);
        stats.put("points_written", writer.pointsWritten());
        stats.put("files_awaiting_deletion", reaper.pending());
        stats.put("aggregations_from_statistics", scanner.filesFromStatistics());
        return stats;
    }

    @Override
    public Map<String, Object> compactionStatus() {
        return compactions.status();
    }

    @Override
    public List<CompactionRun> compactNow() {
        return new ArrayList<>(compactions.run(true));
    }
}
