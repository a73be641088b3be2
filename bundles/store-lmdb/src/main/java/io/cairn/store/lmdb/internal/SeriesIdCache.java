package io.cairn.store.lmdb.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded, least-recently-used cache of the ids of committed series, keyed by their series keys
 * ({@link Keys#seriesKey}), so that writes of known series skip the index lookup. Ids enter only
 * after the transaction that resolved them committed (an aborted one may have created ids that do
 * not exist); series are never deleted, so an entry never goes stale. A miss falls back to LMDB.
 * Each entry costs about 100 bytes plus its key, so the heap it takes is bounded by its capacity,
 * never by the number of series.
 */
final class SeriesIdCache {
    private final int capacity;
    private final LinkedHashMap<SeriesKey, Long> ids;

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

    /** Remembers series (keys and ids, index for index) once the transaction that resolved their ids committed. */
    synchronized void committed(byte[][] seriesKeys, long[] seriesIds) {
        if (capacity == 0) {
            return;
        }
        for (int s = 0; s < seriesIds.length; s++) {
            ids.put(new SeriesKey(seriesKeys[s]), seriesIds[s]);
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
