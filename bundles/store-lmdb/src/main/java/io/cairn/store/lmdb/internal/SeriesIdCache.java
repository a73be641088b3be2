package io.cairn.store.lmdb.internal;

import io.cairn.api.model.Tags;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded, least-recently-used cache of the ids of committed series, keyed by their series keys
 * ({@link Keys#seriesKey}) and looked up by their names (a hash of the names' own hashes, then a comparison of
 * the names with the cached key), so that writes of known series build no key and skip the index lookup. Ids enter only
 * after the transaction that resolved them committed (an aborted one may have created ids that do
 * not exist); series are never deleted, so an entry never goes stale. A miss falls back to LMDB.
 * Once full, the cache admits only one missed id in {@value #ADMIT_ONE_IN} (evicting the least recently
 * used): writes that cycle through more series than it holds (every series every 10 s) then keep hitting
 * the share it holds, where plain LRU evicts each id just before its next use and never hits; ids no longer
 * written still age out. Each entry costs about 100 bytes plus its key, so the heap it takes is bounded by
 * its capacity, never by the number of series.
 */
final class SeriesIdCache {
    /** Once full, one missed id in this many enters the cache. */
    static final int ADMIT_ONE_IN = 16;

    private final int capacity;
    private final LinkedHashMap<CachedSeries, Long> ids;
    private long refused;

    /**
     * A cached series: its series key and the hash of its database, measurement and tags ({@link #hash}), so
     * that a lookup by tags needs no key built.
     */
    private record CachedSeries(byte[] key, int hash) {
        @Override
        public boolean equals(Object o) {
            if (o instanceof Lookup l) {
                return l.equals(this);
            }
            return o instanceof CachedSeries c && hash == c.hash && Arrays.equals(key, c.key);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** A series looked up by its names, equal to the cached series whose key they make. */
    private record Lookup(String db, String measurement, Tags tags, int hash) {
        @Override
        public boolean equals(Object o) {
            return o instanceof CachedSeries c && hash == c.hash && Keys.isSeriesKeyOf(c.key, db, measurement, tags);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    SeriesIdCache(int capacity) {
        this.capacity = Math.max(0, capacity);
        this.ids = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<CachedSeries, Long> eldest) {
                return size() > SeriesIdCache.this.capacity;
            }
        };
    }

    /** Returns the hash a series is cached under: of its names, whose strings keep their own hashes. */
    static int hash(String db, String measurement, Tags tags) {
        return (31 * db.hashCode() + measurement.hashCode()) * 31 + tags.hashCode();
    }

    /** Returns the id of a committed series, or -1 when it is not cached. */
    synchronized long find(String db, String measurement, Tags tags) {
        Long id = ids.get(new Lookup(db, measurement, tags, hash(db, measurement, tags)));
        return id == null ? -1 : id;
    }

    /**
     * Remembers series of a measurement that missed the cache (tags, series keys and ids, index for index) once
     * the transaction that resolved their ids committed; a full cache takes one in {@value #ADMIT_ONE_IN}.
     */
    synchronized void committed(String db, String measurement, Tags[] tags, byte[][] seriesKeys, long[] seriesIds) {
        if (capacity == 0) {
            return;
        }
        for (int s = 0; s < seriesIds.length; s++) {
            if (ids.size() < capacity || refused++ % ADMIT_ONE_IN == 0) {
                ids.put(new CachedSeries(seriesKeys[s], hash(db, measurement, tags[s])), seriesIds[s]);
            }
        }
    }

    /** Returns the number of cached ids. */
    synchronized int size() {
        return ids.size();
    }

    /** Returns the most ids kept. */
    int capacity() {
        return capacity;
    }
}
