package io.cairn.ingest.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.StoreCapability;
import io.cairn.api.store.StoreHealth;
import io.cairn.api.store.StoreUnavailableException;
import io.cairn.api.store.TimeSeriesStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory store for tests that keeps points by (series, time) and can be made unavailable. */
final class RecordingStore implements TimeSeriesStore {
    private int seriesLookups;
    /** One stored point of field value. */
    record Point(String database, String measurement, Tags tags, long time, Object value) {
    }

    private final Map<String, Point> points = new HashMap<>();
    private final Map<String, Map<String, FieldType>> fieldTypes = new HashMap<>();
    private final Map<String, Set<Tags>> series = new HashMap<>();
    private final List<WriteBatch> writes = new ArrayList<>();
    volatile boolean unavailable;
    /** Set: writes wait for it to open, as a slow store's would. */
    volatile CountDownLatch gate;
    /** Writes that have reached the gate. */
    final AtomicInteger gatedWrites = new AtomicInteger();
    /** Set: the next write fails as a store whose bundle was updated under it does (a class no longer loads). */
    volatile boolean unloaded;

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public Set<StoreCapability> capabilities() {
        return Set.of();
    }

    @Override
    public synchronized void write(WriteBatch batch) {
        CountDownLatch g = gate;
        if (g != null) {
            gatedWrites.incrementAndGet();
            try {
                g.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (unloaded) {
            throw new NoClassDefFoundError("io/cairn/store/Gone: the bundle wiring is no longer valid");
        }
        if (unavailable) {
            throw new StoreUnavailableException("down for the test");
        }
        String key = batch.database() + "/" + batch.measurement();
        Map<String, FieldType> types = fieldTypes.computeIfAbsent(key, k -> new TreeMap<>());
        for (FieldColumn c : batch.fields()) {
            FieldType stored = types.get(c.name());
            if (stored != null && stored != c.type()) {
                throw new IllegalArgumentException("field " + c.name() + " is " + stored);
            }
        }
        writes.add(batch);
        for (FieldColumn c : batch.fields()) {
            types.put(c.name(), c.type());
            for (int r = 0; r < batch.size(); r++) {
                if (c.isPresent(r)) {
                    Point p = new Point(batch.database(), batch.measurement(), batch.tags(r), batch.time(r), c.valueAt(r));
                    points.put(key + "/" + p.tags() + "/" + p.time() + "/" + c.name(), p);
                }
            }
        }
        series.computeIfAbsent(key, k -> new HashSet<>()).addAll(batch.series());
    }

    synchronized List<Point> points() {
        return new ArrayList<>(points.values());
    }

    synchronized int pointCount() {
        return points.size();
    }

    synchronized int writeCalls() {
        return writes.size();
    }

    synchronized void defineField(String database, String measurement, String field, FieldType type) {
        fieldTypes.computeIfAbsent(database + "/" + measurement, k -> new TreeMap<>()).put(field, type);
    }

    @Override
    public ScanCursor scan(ScanRequest request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> databases() {
        return List.of();
    }

    @Override
    public List<String> measurements(String database) {
        return List.of();
    }

    @Override
    public List<String> tagKeys(String database, String measurement) {
        return List.of();
    }

    @Override
    public List<String> tagValues(String database, String measurement, String key, int limit) {
        return List.of();
    }

    @Override
    public synchronized Map<String, FieldType> fields(String database, String measurement) {
        return new TreeMap<>(fieldTypes.getOrDefault(database + "/" + measurement, Map.of()));
    }

    @Override
    public synchronized long seriesCount(String database, String measurement) {
        return series.getOrDefault(database + "/" + measurement, Set.of()).size();
    }

    @Override
    public synchronized boolean seriesExists(String database, String measurement, Tags tags) {
        seriesLookups++;
        return series.getOrDefault(database + "/" + measurement, Set.of()).contains(tags);
    }

    /** Returns how many times {@link #seriesExists} was asked. */
    synchronized int seriesLookups() {
        return seriesLookups;
    }

    @Override
    public long deleteBefore(String database, String measurement, long timeNanos) {
        return 0;
    }

    @Override
    public StoreHealth health() {
        return new StoreHealth(!unavailable, "test");
    }

    @Override
    public Map<String, Number> stats() {
        return Map.of();
    }
}
