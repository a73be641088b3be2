package io.cairn.query.internal.sql;

import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.SeriesBatch;
import io.cairn.api.store.StoreCapability;
import io.cairn.api.store.StoreHealth;
import io.cairn.api.store.TimeSeriesStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** A store passing everything to another, counting scans and open cursors, with catalog reads as slow as wanted. */
final class CountingStore implements TimeSeriesStore {
    final AtomicInteger scans = new AtomicInteger();
    final AtomicInteger openCursors = new AtomicInteger();
    /** How long closing a cursor takes (a store releasing its read slowly). */
    volatile long closeMillis;
    /** How long telling the capabilities takes (the planner asks while it optimises). */
    volatile long capabilitiesMillis;
    /** Reads of databases, measurements, tag keys and fields. */
    final AtomicInteger catalogReads = new AtomicInteger();
    /** Whether the store's catalog version is passed on (else unknown, -1). */
    volatile boolean passCatalogVersion;
    private final TimeSeriesStore store;
    private final long catalogMillis;

    CountingStore(TimeSeriesStore store, long catalogMillis) {
        this.store = store;
        this.catalogMillis = catalogMillis;
    }

    @Override
    public ScanCursor scan(ScanRequest request) {
        scans.incrementAndGet();
        ScanCursor cursor = store.scan(request);
        openCursors.incrementAndGet();
        return new ScanCursor() {
            private boolean closed;

            @Override
            public SeriesBatch next() {
                return cursor.next();
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    pause(closeMillis);
                    openCursors.decrementAndGet();
                    cursor.close();
                }
            }
        };
    }

    @Override
    public List<String> tagKeys(String database, String measurement) {
        catalogReads.incrementAndGet();
        pause(catalogMillis);
        return store.tagKeys(database, measurement);
    }

    private static void pause(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String name() {
        return store.name();
    }

    @Override
    public Set<StoreCapability> capabilities() {
        pause(capabilitiesMillis);
        return store.capabilities();
    }

    @Override
    public void write(WriteBatch batch) {
        store.write(batch);
    }

    @Override
    public List<String> databases() {
        catalogReads.incrementAndGet();
        return store.databases();
    }

    @Override
    public List<String> measurements(String database) {
        catalogReads.incrementAndGet();
        return store.measurements(database);
    }

    @Override
    public List<String> tagValues(String database, String measurement, String key, int limit) {
        return store.tagValues(database, measurement, key, limit);
    }

    @Override
    public Map<String, FieldType> fields(String database, String measurement) {
        catalogReads.incrementAndGet();
        return store.fields(database, measurement);
    }

    @Override
    public long catalogVersion() {
        return passCatalogVersion ? store.catalogVersion() : -1;
    }

    @Override
    public long seriesCount(String database, String measurement) {
        return store.seriesCount(database, measurement);
    }

    @Override
    public boolean seriesExists(String database, String measurement, Tags tags) {
        return store.seriesExists(database, measurement, tags);
    }

    @Override
    public long deleteBefore(String database, String measurement, long timeNanos) {
        return store.deleteBefore(database, measurement, timeNanos);
    }

    @Override
    public StoreHealth health() {
        return store.health();
    }

    @Override
    public Map<String, Number> stats() {
        return store.stats();
    }
}
