package io.cairn.store.lmdb.internal;

import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.StoreCapability;
import io.cairn.api.store.StoreHealth;
import io.cairn.api.store.StoreUnavailableException;
import io.cairn.api.store.TimeSeriesStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
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
 * field; see {@link Keys} for the layout and {@link ChunkCodec} for the encoding.
 */
@Component(service = TimeSeriesStore.class, immediate = true, configurationPid = "io.cairn.store.lmdb",
        property = TimeSeriesStore.NAME_PROPERTY + "=lmdb")
@Designate(ocd = LmdbStore.Config.class)
public final class LmdbStore implements TimeSeriesStore {
    private static final Logger LOG = LoggerFactory.getLogger(LmdbStore.class);
    private static final Set<StoreCapability> CAPABILITIES = EnumSet.allOf(StoreCapability.class);

    /** Configuration of the LMDB store. */
    @ObjectClassDefinition(name = "Cairn LMDB store")
    public @interface Config {
        @AttributeDefinition(description = "Data directory; empty means the framework property cairn.data.dir, else 'data'")
        String data_dir() default "";

        @AttributeDefinition(description = "Initial LMDB map size in bytes; it doubles whenever it is full")
        long initial_map_size() default 64L * 1024 * 1024;

        @AttributeDefinition(description = "Most concurrent read transactions (open scans)")
        int max_readers() default 1024;
    }

    private final LmdbEnvironment lmdb;
    private final Catalog catalog;
    private final SeriesIndex index;
    private final BatchWriter writer;
    private final Retention retention;
    private final AtomicLong pointsWritten = new AtomicLong();

    @Activate
    public LmdbStore(Config config, BundleContext context) {
        this(dataDir(config.data_dir(), context.getProperty("cairn.data.dir")).resolve("lmdb"),
                config.initial_map_size(), config.max_readers());
    }

    LmdbStore(Path dir, long initialMapSize, int maxReaders) {
        lmdb = LmdbEnvironment.open(dir, initialMapSize, maxReaders);
        catalog = new Catalog(lmdb);
        index = new SeriesIndex(lmdb, catalog);
        writer = new BatchWriter(lmdb, index, catalog);
        retention = new Retention(lmdb, index);
        LOG.debug("LMDB store open at {} with a map of {} bytes", dir, lmdb.mapSize());
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

    /** Takes a changed configuration (e.g. the active flag) without closing the environment. */
    @Modified
    void modified() {
        LOG.debug("LMDB store configuration changed");
    }

    @Deactivate
    void close() {
        lmdb.close();
        LOG.debug("LMDB store at {} closed", lmdb.dir());
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
        pointsWritten.addAndGet(lmdb.write(txn -> writer.write(txn, batch)));
    }

    @Override
    public ScanCursor scan(ScanRequest request) {
        ReadTxn txn = lmdb.openRead();
        try {
            Map<String, FieldType> known = catalog.fields(txn.txn(), request.database(), request.measurement());
            List<String> fields = new ArrayList<>();
            List<FieldType> types = new ArrayList<>();
            for (String field : request.fields().isEmpty() ? known.keySet() : request.fields()) {
                if (known.containsKey(field) && !fields.contains(field)) {
                    fields.add(field);
                    types.add(known.get(field));
                }
            }
            long[] ids = index.matching(txn.txn(), request.database(), request.measurement(), request.predicates());
            if (request.aggregation() == null) {
                return new RawScanCursor(lmdb, index, txn, ids, fields, types,
                        request.startNanos(), request.endNanos(), request.limit());
            }
            try (txn) {
                AggregateScan scan = new AggregateScan(lmdb, fields, types, request.aggregation(),
                        request.startNanos(), request.endNanos());
                for (long id : ids) {
                    scan.add(txn.txn(), id, index.tags(txn.txn(), id));
                }
                return new ListCursor(scan.result());
            }
        } catch (RuntimeException | Error e) {
            txn.close();
            throw e;
        }
    }

    @Override
    public List<String> databases() {
        return lmdb.read(catalog::databases);
    }

    @Override
    public List<String> measurements(String database) {
        return lmdb.read(txn -> catalog.measurements(txn, database));
    }

    @Override
    public List<String> tagKeys(String database, String measurement) {
        return lmdb.read(txn -> catalog.tagKeys(txn, database, measurement));
    }

    @Override
    public List<String> tagValues(String database, String measurement, String key, int limit) {
        return lmdb.read(txn -> catalog.tagValues(txn, database, measurement, key, limit));
    }

    @Override
    public Map<String, FieldType> fields(String database, String measurement) {
        return lmdb.read(txn -> catalog.fields(txn, database, measurement));
    }

    @Override
    public long seriesCount(String database, String measurement) {
        return lmdb.read(txn -> catalog.seriesCount(txn, database, measurement));
    }

    @Override
    public boolean seriesExists(String database, String measurement, Tags tags) {
        return lmdb.read(txn -> index.find(txn, database, measurement, tags) >= 0);
    }

    @Override
    public long deleteBefore(String database, String measurement, long timeNanos) {
        return lmdb.write(txn -> retention.deleteBefore(txn, database, measurement, timeNanos));
    }

    @Override
    public StoreHealth health() {
        if (!lmdb.isOpen()) {
            return new StoreHealth(false, "the LMDB store at " + lmdb.dir() + " is closed");
        }
        return new StoreHealth(true, "LMDB at " + lmdb.dir() + ", map of " + lmdb.mapSize() + " bytes");
    }

    @Override
    public Map<String, Number> stats() {
        Map<String, Number> stats = new LinkedHashMap<>();
        try {
            lmdb.read(txn -> {
                stats.put("series", catalog.totalSeries(txn));
                Stat chunks = lmdb.chunks.stat(txn);
                stats.put("chunks", chunks.entries);
                stats.put("chunk_bytes", (chunks.branchPages + chunks.leafPages + chunks.overflowPages)
                        * (long) chunks.pageSize);
                return null;
            });
        } catch (StoreUnavailableException e) {
            LOG.debug("stats without the index: {}", e.getMessage());
        }
        stats.put("points_written", pointsWritten.get());
        stats.put("bytes_on_disk", lmdb.bytesOnDisk());
        stats.put("map_size", lmdb.mapSize());
        return stats;
    }
}
