package io.cairn.store.lmdb.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of every series of a few recently read measurements, each list kept with the series count of the
 * measurement it was read at. Series are never removed and a new series takes an id above every existing one,
 * so the list of a snapshot whose count is {@code n} is the first {@code n} ids of any list read at a count of
 * at least {@code n}: a reader finds its list by the count its own transaction shows, whatever writes commit
 * meanwhile.
 */
final class SeriesLists {
    /** How many measurements' lists are kept, least recently used dropped first. */
    static final int MEASUREMENTS = 8;
    /** The longest list kept (2 MB of ids), so that the lists take at most 16 MB. */
    static final int MOST_IDS = 262_144;

    private record Measurement(String db, String measurement) {
    }

    private final Map<Measurement, long[]> lists = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Measurement, long[]> eldest) {
            return size() > MEASUREMENTS;
        }
    };

    /** Returns a copy of the ids, ascending, of the first {@code count} series of a measurement, or null. */
    synchronized long[] get(String db, String measurement, long count) {
        long[] ids = lists.get(new Measurement(db, measurement));
        return ids == null || ids.length < count ? null : Arrays.copyOf(ids, (int) count);
    }

    /**
     * Keeps the ids, ascending, of every series of a measurement read in a snapshot where its series count was
     * {@code count}; a list that disagrees with its count (a store older than the counts) is not kept.
     */
    synchronized void put(String db, String measurement, long count, long[] ids) {
        if (ids.length != count || ids.length > MOST_IDS) {
            return;
        }
        Measurement key = new Measurement(db, measurement);
        long[] known = lists.get(key);
        if (known == null || known.length < ids.length) {
            lists.put(key, ids.clone());
        }
    }
}
