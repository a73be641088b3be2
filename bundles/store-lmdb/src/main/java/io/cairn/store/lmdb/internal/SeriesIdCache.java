package io.cairn.store.lmdb.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded, least-recently-used cache of the ids of committed series, keyed by their series keys
 * ({@link Keys#seriesKey}), so that writes of known series skip the index lookup. Ids enter only
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
    private final LinkedHashMap<SeriesKey, Long> ids;
    private long refused;

    /** A series key with value equality. */
    private record SeriesKey(byte[] bytes, int hash) {
        SeriesKey(byte[] bytes) {
            this(bytes, Arrays.hashCode(bytes));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SeriesKey k && hash == k.hash && Arrays.equals(bytes, k.bytes);
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
            protected boolean removeEldestEntry(Map.Entry<SeriesKey, Long> eldest) {
                return size() > SeriesIdCache.this.capacity;
            }
        };
    }

    /** Returns the id of a committed series by its series key, or -1 when it is not cached. */
    synchronized long find(byte[] seriesKey) {
        Long id = ids.get(new SeriesKey(seriesKey));
        return id == null ? -1 : id;
    }

    /**
     * Remembers series that missed the cache (keys and ids, index for index) once the transaction that resolved
     * their ids committed; a full cache takes one in {@value #ADMIT_ONE_IN}.
     */
    synchronized void committed(byte[][] seriesKeys, long[] seriesIds) {
        if (capacity == 0) {
            return;
        }
        for (int s = 0; s < seriesIds.length; s++) {
            if (ids.size() < capacity || refused++ % ADMIT_ONE_IN == 0) {
                ids.put(new SeriesKey(seriesKeys[s]), seriesIds[s]);
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
