package io.cairn.api.store;

import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A storage engine for Cairn's data, registered as an OSGi service with the property
 * {@value #NAME_PROPERTY} naming it (e.g. {@code lmdb}). Several stores may run at once; writes and
 * queries go to the one whose service carries {@value #ACTIVE_PROPERTY}{@code =true}, which the
 * store takes from its configuration (PID {@code io.cairn.store.<name>}) and updates without
 * restarting when that configuration changes.
 *
 * <p>Writes are idempotent: a point (series, field, time) written again replaces the earlier
 * value, so replaying the write-ahead log never duplicates data. All methods are thread safe.
 * Methods throw {@link StoreUnavailableException} when the store cannot serve them now.
 */
@ConsumerType
public interface TimeSeriesStore {
    /** The service property that names a store. */
    String NAME_PROPERTY = "cairn.store";

    /** The service property, {@code true} on the one store that writes and queries go to. */
    String ACTIVE_PROPERTY = "cairn.store.active";

    /** The filter that selects the active store. */
    String ACTIVE_FILTER = "(" + ACTIVE_PROPERTY + "=true)";

    /** Returns the store's name, the value of {@value #NAME_PROPERTY}. */
    String name();

    /** Returns what the store does itself. */
    Set<StoreCapability> capabilities();

    /**
     * Writes a batch durably: when this returns, the rows survive a crash of the process.
     *
     * @throws IllegalArgumentException if a field's type conflicts with the type stored for it
     */
    void write(WriteBatch batch);

    /** Starts a scan; the caller closes the cursor. An unknown database or measurement scans nothing. */
    ScanCursor scan(ScanRequest request);

    /** Returns the databases that hold data, sorted. */
    List<String> databases();

    /** Returns the measurements of a database, sorted. */
    List<String> measurements(String database);

    /** Returns the tag keys used by a measurement, sorted. */
    List<String> tagKeys(String database, String measurement);

    /** Returns up to {@code limit} values of a tag key of a measurement, sorted. */
    List<String> tagValues(String database, String measurement, String key, int limit);

    /**
     * Returns up to {@code limit} values of a tag key that start with {@code prefix}, most series first (ties by
     * value): what autocomplete and dashboard variables need. This default lists values and cannot count them
     * (series -1, sorted by value); a store with a tag index answers from it.
     */
    default List<TagValueCount> tagValueCounts(String database, String measurement, String key, String prefix,
            int limit) {
        List<TagValueCount> out = new ArrayList<>();
        for (String value : tagValues(database, measurement, key, Integer.MAX_VALUE)) {
            if (value.startsWith(prefix) && out.size() < limit) {
                out.add(new TagValueCount(value, -1));
            }
        }
        return out;
    }

    /**
     * Returns what the store runs for a scan in its own language (e.g. the SQL it sends to a server), shown
     * by EXPLAIN; null when it has nothing to show (this default).
     */
    default String describe(ScanRequest request) {
        return null;
    }

    /** Returns the fields of a measurement with their types, sorted by name. */
    Map<String, FieldType> fields(String database, String measurement);

    /**
     * Returns a number that changes whenever what {@link #databases}, {@link #measurements}, {@link #tagKeys},
     * {@link #fields} or {@link #capabilities} answer may have changed, the change taking effect before the number
     * does: a caller that reads it before reading the catalog may reuse what it read for as long as the number
     * stays the same. {@code -1} (this default) means unknown: callers then read the catalog each time.
     */
    default long catalogVersion() {
        return -1;
    }

    /** Returns the number of series of a measurement. */
    long seriesCount(String database, String measurement);

    /** Returns whether a series of a measurement exists. */
    boolean seriesExists(String database, String measurement, Tags tags);

    /**
     * Deletes every point of a measurement older than a time.
     *
     * @return the number of points deleted (may be an estimate where whole blocks are dropped)
     */
    long deleteBefore(String database, String measurement, long timeNanos);

    /** Returns whether the store can serve now. Never throws. */
    StoreHealth health();

    /** Returns counters and gauges for monitoring, e.g. {@code series}, {@code bytes_on_disk}. */
    Map<String, Number> stats();
}
