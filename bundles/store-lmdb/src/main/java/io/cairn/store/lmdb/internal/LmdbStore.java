package io.cairn.store.lmdb.internal;

import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.StoreCapability;
import io.cairn.api.store.StoreHealth;
import io.cairn.api.store.TagValueCount;
import io.cairn.api.store.StoreUnavailableException;
import io.cairn.api.store.TimeSeriesStore;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.lmdbjava.Cursor;
import org.lmdbjava.Stat;
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
 * The embedded default store: one LMDB environment at {@code <dataDir>/lmdb} holding a series
 * index, tag postings and compressed chunks of one hour ({@link Keys#BLOCK_NANOS}) per series and
 * field; see {@link Keys} for the layout, {@link ChunkCodec} for the encoding and
 * {@link FieldChunkWriter} for where the open chunk of each series field lives.
 */
@Component(service = TimeSeriesStore.class, immediate = true, configurationPid = "io.cairn.store.lmdb",
        property = TimeSeriesStore.NAME_PROPERTY + "=lmdb")
@Designate(ocd = LmdbStore.Config.class)
public final class LmdbStore implements TimeSeriesStore {
    private static final Logger LOG = LoggerFactory.getLogger(LmdbStore.class);
    private static final Set<StoreCapability> CAPABILITIES =
            EnumSet.complementOf(EnumSet.of(StoreCapability.ADVANCED_AGGREGATION));

    /** Configuration of the LMDB store. */
    @ObjectClassDefinition(name = "Cairn LMDB store")
    public @interface Config {
        @AttributeDefinition(description = "Data directory; empty means the framework property cairn.data.dir, else 'data'")
        String data_dir() default "";

        @AttributeDefinition(description = "Initial LMDB map size in bytes; it doubles whenever it is full")
        long initial_map_size() default 64L * 1024 * 1024;

        @AttributeDefinition(description = "Most concurrent read transactions (open scans)")
        int max_readers() default 1024;

        @AttributeDefinition(description = "Most series ids kept in the heap for writes (about 128 bytes each; "
                + "-1: as many as an eighth of the maximum heap holds, 0: none); misses read LMDB's series index")
        int series_cache_size() default -1;
    }

    /** The bound of the series id cache when none is configured: an eighth of the heap. */
    static final int DEFAULT_SERIES_CACHE_SIZE = SeriesIdCache.capacityForHeap(Runtime.getRuntime().maxMemory());

    private final AtomicLong pointsWritten = new AtomicLong();
    private volatile Opened opened;

    @Activate
    public LmdbStore(Config config, BundleContext context) {
        this(dir(config, context), config.initial_map_size(), config.max_readers(), seriesCacheSize(config));
    }

    LmdbStore(Path dir, long initialMapSize, int maxReaders) {
        this(dir, initialMapSize, maxReaders, DEFAULT_SERIES_CACHE_SIZE);
    }

    LmdbStore(Path dir, long initialMapSize, int maxReaders, int seriesCacheSize) {
        opened = Opened.open(dir, initialMapSize, maxReaders, seriesCacheSize);
    }

    /**
     * Takes a changed configuration without deactivating (DS updates the service properties, such as
     * {@value TimeSeriesStore#ACTIVE_PROPERTY}); a new data folder or reader limit reopens the environment.
     */
    @Modified
    void modified(Config config, BundleContext context) {
        reconfigure(dir(config, context), config.initial_map_size(), config.max_readers(), seriesCacheSize(config));
    }

    private static int seriesCacheSize(Config config) {
        return config.series_cache_size() < 0 ? DEFAULT_SERIES_CACHE_SIZE : config.series_cache_size();
    }

    synchronized void reconfigure(Path dir, long initialMapSize, int maxReaders, int seriesCacheSize) {
        Opened old = opened;
        if (dir.equals(old.lmdb().dir()) && maxReaders != old.maxReaders()) {
            old.lmdb().close(); // LMDB must not have one environment open twice in a process: close, then reopen
            opened = Opened.open(dir, initialMapSize, maxReaders, seriesCacheSize);
            LOG.info("LMDB store at {} reopened with {} readers", dir, maxReaders);
        } else if (!dir.equals(old.lmdb().dir())) {
            opened = Opened.open(dir, initialMapSize, maxReaders, seriesCacheSize);
            old.lmdb().close();
            LOG.info("LMDB store reopened at {} (was {})", dir, old.lmdb().dir());
        } else if (seriesCacheSize != old.writer().seriesIdCache().capacity()) {
            opened = old.withSeriesCache(seriesCacheSize);
            LOG.info("LMDB store at {} keeps up to {} series ids in the heap", dir, seriesCacheSize);
        }
    }

    private static Path dir(Config config, BundleContext context) {
        return dataDir(config.data_dir(), context.getProperty("cairn.data.dir")).resolve("lmdb");
    }

    /** The open environment and the parts that work on it. */
    private record Opened(LmdbEnvironment lmdb, int maxReaders, Catalog catalog, SeriesIndex index,
            BatchWriter writer, Retention retention, LatestPointCache latest) {
        static Opened open(Path dir, long initialMapSize, int maxReaders, int seriesCacheSize) {
            LmdbEnvironment lmdb = LmdbEnvironment.open(dir, initialMapSize, maxReaders);
            Catalog catalog = new Catalog(lmdb);
            try {
                long counting = System.nanoTime();
                if (lmdb.write(catalog::countTagSeries)) {
                    LOG.info("LMDB store at {}: series per tag key and value counted once for this store's format, in {} ms",
                            dir, (System.nanoTime() - counting) / 1_000_000);
                }
            } catch (RuntimeException e) {
                lmdb.close();
                throw e;
            }
            SeriesIndex index = new SeriesIndex(lmdb, catalog);
            LOG.debug("LMDB store open at {} with a map of {} bytes", dir, lmdb.mapSize());
            return new Opened(lmdb, maxReaders, catalog, index, new BatchWriter(lmdb, index, catalog, seriesCacheSize),
                    new Retention(lmdb, index), new LatestPointCache(LatestPointCache.DEFAULT_CAPACITY));
        }

        Opened withSeriesCache(int seriesCacheSize) {
            return new Opened(lmdb, maxReaders, catalog, index, new BatchWriter(lmdb, index, catalog, seriesCacheSize),
                    retention, latest);
        }
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

    /** The LMDB environment, for tests that build the store's parts by hand. */
    LmdbEnvironment environment() {
        return opened.lmdb();
    }

    @Deactivate
    void close() {
        opened.lmdb().close();
        LOG.debug("LMDB store at {} closed", opened.lmdb().dir());
    }

    @Override
    public String name() {
        return "lmdb";
    }

    @Override
    public Set<StoreCapability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void write(WriteBatch batch) {
        Opened o = opened;
        BatchWriter.Written written = o.lmdb().write(txn -> o.writer().write(txn, batch));
        o.catalog().version().committed();
        o.writer().committed(batch, written);
        o.latest().written(written.allSeriesIds());
        pointsWritten.addAndGet(written.values());
    }

    @Override
    public ScanCursor scan(ScanRequest request) {
        Opened o = opened;
        LmdbEnvironment lmdb = o.lmdb();
        Catalog catalog = o.catalog();
        SeriesIndex index = o.index();
        long generation = o.latest().generation();
        ReadTxn txn = lmdb.openRead();
        try {
            ScanFields fields = ScanFields.of(request,
                    catalog.fields(txn.txn(), request.database(), request.measurement()));
            if (fields.impossible()) {
                txn.close();
                return ScanCursor.of(List.of());
            }
            if (GroupedAggregateCursor.coversEverySeries(txn.txn(), catalog, request)) {
                return new GroupedAggregateCursor(lmdb, txn, null, request.database(), request.measurement(),
                        fields, request.aggregation(), request.startNanos(), request.endNanos(),
                        catalog.totalSeries(txn.txn()), catalog.seriesCount(txn.txn(), request.database(),
                        request.measurement()));
            }
            long[] ids = index.matching(txn.txn(), request.database(), request.measurement(), request.predicates());
            if (request.aggregation() == null) {
                return new RawScanCursor(lmdb, index, txn, ids, fields, request.startNanos(), request.endNanos(),
                        request.limit(), request.latestPerSeries(), o.latest(), generation);
            }
            if (request.aggregation().groupBy().size() == 1 && ids.length > GroupedAggregateCursor.MIN_SERIES) {
                return new GroupedAggregateCursor(lmdb, txn, ids, request.database(), request.measurement(),
                        fields, request.aggregation(), request.startNanos(), request.endNanos(),
                        catalog.totalSeries(txn.txn()), ids.length);
            }
            try (txn; Cursor<byte[]> chunks = lmdb.chunks.openCursor(txn.txn())) {
                AggregateScan scan = new AggregateScan(lmdb, chunks, fields, request.aggregation(),
                        request.startNanos(), request.endNanos());
                List<String> groupBy = request.aggregation().groupBy();
                SeriesCells cells = scan.sweep(txn.txn(), catalog.totalSeries(txn.txn()), ids.length);
                for (long id : ids) {
                    Tags group = groupBy.isEmpty() ? Tags.EMPTY : index.tags(txn.txn(), id).select(groupBy);
                    if (cells != null) {
                        scan.addCells(cells, id, group);
                    } else {
                        scan.addToGroup(txn.txn(), id, group);
                    }
                }
                return ScanCursor.of(scan.result());
            }
        } catch (RuntimeException | Error e) {
            txn.close();
            throw e;
        }
    }

    @Override
    public List<String> databases() {
        Opened o = opened;
        return o.lmdb().read(o.catalog()::databases);
    }

    @Override
    public List<String> measurements(String database) {
        Opened o = opened;
        return o.lmdb().read(txn -> o.catalog().measurements(txn, database));
    }

    @Override
    public List<String> tagKeys(String database, String measurement) {
        Opened o = opened;
        return o.lmdb().read(txn -> o.catalog().tagKeys(txn, database, measurement));
    }

    @Override
    public List<String> tagValues(String database, String measurement, String key, int limit) {
        Opened o = opened;
        return o.lmdb().read(txn -> o.catalog().tagValues(txn, database, measurement, key, limit));
    }

    @Override
    public List<TagValueCount> tagValueCounts(String database, String measurement, String key, String prefix,
            int limit) {
        Opened o = opened;
        return o.lmdb().read(txn -> o.catalog().tagValueCounts(txn, database, measurement, key, prefix, limit));
    }

    @Override
    public Map<String, FieldType> fields(String database, String measurement) {
        Opened o = opened;
        return o.lmdb().read(txn -> o.catalog().fields(txn, database, measurement));
    }

    @Override
    public long catalogVersion() {
        return opened.catalog().version().current();
    }

    @Override
    public long seriesCount(String database, String measurement) {
        Opened o = opened;
        return o.lmdb().read(txn -> o.catalog().seriesCount(txn, database, measurement));
    }

    @Override
    public boolean seriesExists(String database, String measurement, Tags tags) {
        Opened o = opened;
        return o.lmdb().read(txn -> o.index().find(txn, database, measurement, tags) >= 0);
    }

    @Override
    public long deleteBefore(String database, String measurement, long timeNanos) {
        Opened o = opened;
        try {
            return o.lmdb().write(txn -> o.retention().deleteBefore(txn, database, measurement, timeNanos));
        } finally {
            o.latest().clear();
        }
    }

    @Override
    public StoreHealth health() {
        LmdbEnvironment lmdb = opened.lmdb();
        if (!lmdb.isOpen()) {
            return new StoreHealth(false, "the LMDB store at " + lmdb.dir() + " is closed");
        }
        return new StoreHealth(true, "LMDB at " + lmdb.dir() + ", map of " + lmdb.mapSize() + " bytes");
    }

    @Override
    public Map<String, Number> stats() {
        Map<String, Number> stats = new LinkedHashMap<>();
        LmdbEnvironment lmdb = opened.lmdb();
        Catalog catalog = opened.catalog();
        try {
            lmdb.read(txn -> {
                stats.put("series", catalog.totalSeries(txn));
                Stat closed = lmdb.chunks.stat(txn);
                Stat open = lmdb.openChunks.stat(txn);
                stats.put("chunks", closed.entries + open.entries);
                stats.put("open_chunks", open.entries);
                stats.put("chunk_bytes", (closed.branchPages + closed.leafPages + closed.overflowPages
                        + open.branchPages + open.leafPages + open.overflowPages) * (long) closed.pageSize);
                return null;
            });
        } catch (StoreUnavailableException e) {
            LOG.debug("stats without the index: {}", e.getMessage());
        }
        SeriesIdCache cache = opened.writer().seriesIdCache();
        stats.put("series_cache_entries", cache.size());
        stats.put("series_cache_capacity", cache.capacity());
        stats.put("series_cache_bytes", cache.heapBytes());
        stats.put("latest_cache_entries", opened.latest().size());
        stats.put("points_written", pointsWritten.get());
        stats.put("bytes_on_disk", lmdb.bytesOnDisk());
        stats.put("map_size", lmdb.mapSize());
        return stats;
    }
}
