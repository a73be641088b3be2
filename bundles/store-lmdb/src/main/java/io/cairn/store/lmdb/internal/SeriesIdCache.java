package io.cairn.store.lmdb.internal;

import io.cairn.api.model.Tags;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ids of series known to be committed, so that writes skip building series keys and looking
 * them up. Ids enter only after the transaction that resolved them committed (an aborted one may
 * have created ids that do not exist); series are never deleted, so an entry never goes stale. The
 * cache empties itself when it reaches its bound.
 */
final class SeriesIdCache {
    private final int capacity;
    private final ConcurrentHashMap<Key, Long> ids = new ConcurrentHashMap<>();

    /** A series: database, measurement and tag set. */
    record Key(String db, String measurement, Tags tags) {
    }

    SeriesIdCache(int capacity) {
        this.capacity = capacity;
    }

    /** Returns the id of a committed series, or -1 when it is not cached. */
    long find(String db, String measurement, Tags tags) {
        Long id = ids.get(new Key(db, measurement, tags));
        return id == null ? -1 : id;
    }

    /** Remembers the series of a batch once the transaction that resolved their ids committed. */
    void committed(String db, String measurement, List<Tags> series, long[] seriesIds) {
        if (ids.size() + series.size() > capacity) {
            ids.clear();
        }
        for (int s = 0; s < seriesIds.length && s < capacity; s++) {
            ids.put(new Key(db, measurement, series.get(s)), seriesIds[s]);
        }
    }
}
