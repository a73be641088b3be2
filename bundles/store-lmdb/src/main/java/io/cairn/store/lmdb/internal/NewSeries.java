package io.cairn.store.lmdb.internal;

import io.cairn.api.model.Tags;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lmdbjava.Cursor;
import org.lmdbjava.PutFlags;
import org.lmdbjava.Txn;

/**
 * Resolves the series ids of one write in its transaction, creating the series that are new. The work per new
 * series is kept to its own index entries: its key (a lookup, then an insert), its id and one postings entry
 * per tag, the last two written at {@link #finish} in key order through one cursor each, so that neighbouring
 * inserts share LMDB pages and LMDB seldom searches from the root (ids only grow, so the ids go to the end).
 * Puts pass no flags: lmdbjava builds a stream to combine flags on every call that has some. The next id, the
 * series count and the {@link ValueCounts} of the tag values are written once per write rather than once per
 * series.
 */
final class NewSeries {
    private final LmdbEnvironment lmdb;
    private final Catalog catalog;
    private final Txn<byte[]> txn;
    private final String db;
    private final String measurement;
    private final int tagsStart;
    private final Map<String, List<Posting>> postingsByKey = new HashMap<>();
    private final List<byte[]> createdKeys = new ArrayList<>();
    private long nextId = -1;
    private int created;
    private boolean lastCreated;

    /** A postings entry to write: the tag value's postings key and the series id. */
    private record Posting(byte[] key, byte[] id) implements Comparable<Posting> {
        @Override
        public int compareTo(Posting o) {
            return Arrays.compareUnsigned(key, o.key);
        }
    }

    NewSeries(LmdbEnvironment lmdb, Catalog catalog, Txn<byte[]> txn, String db, String measurement) {
        this.lmdb = lmdb;
        this.catalog = catalog;
        this.txn = txn;
        this.db = db;
        this.measurement = measurement;
        this.tagsStart = Keys.join(db, measurement, "").length;
    }

    /** Returns the id of a series whose series key ({@link Keys#seriesKey}) is given, creating it when it is new. */
    long resolve(Tags tags, byte[] seriesKey) {
        byte[] existing = lmdb.series.get(txn, seriesKey);
        lastCreated = existing == null;
        if (!lastCreated) {
            return Keys.id(existing);
        }
        if (nextId < 0) {
            nextId = catalog.nextSeriesId(txn);
        }
        byte[] id = Keys.id(nextId);
        LmdbEnvironment.put(lmdb.series, txn, seriesKey, id);
        createdKeys.add(fullKey(tags, seriesKey));
        for (int i = 0; i < tags.size(); i++) {
            postingsByKey.computeIfAbsent(tags.key(i), k -> new ArrayList<>())
                    .add(new Posting(Keys.postingsKey(db, measurement, tags.key(i), tags.value(i)), id));
        }
        created++;
        return nextId++;
    }

    /** Returns whether the last {@link #resolve} created its series: then nothing of it is stored yet. */
    boolean lastCreated() {
        return lastCreated;
    }

    /** Returns the full text key of a series: its series key unless that ends in a hash. */
    private byte[] fullKey(Tags tags, byte[] seriesKey) {
        return Keys.isHashed(seriesKey, tagsStart) ? Keys.fullSeriesKey(db, measurement, tags) : seriesKey;
    }

    /** Writes the postings of the new series, the next id, the series count and the values' series counts. */
    void finish() {
        if (created == 0) {
            return;
        }
        catalog.seriesAdded(txn, db, measurement, created, nextId);
        try (Cursor<byte[]> c = lmdb.seriesById.openCursor(txn)) {
            long id = nextId - created;
            for (byte[] key : createdKeys) {
                c.put(Keys.id(id++), key, (PutFlags[]) null);
            }
        }
        try (Cursor<byte[]> c = lmdb.postings.openCursor(txn)) {
            for (List<Posting> postings : postingsByKey.values()) {
                write(c, postings);
            }
        }
    }

    /**
     * Writes the postings of one tag key in key order (a stable sort: the ids of one value stay ascending, as they
     * were created) and updates the series counts of their values.
     */
    private void write(Cursor<byte[]> c, List<Posting> postings) {
        Posting[] sorted = postings.toArray(new Posting[0]);
        Arrays.sort(sorted);
        ValueCounts counts = catalog.valueCounts();
        int from = 0;
        while (from < sorted.length) {
            byte[] key = sorted[from].key();
            int to = from;
            while (to < sorted.length && Arrays.equals(key, sorted[to].key())) {
                c.put(key, sorted[to].id(), (PutFlags[]) null);
                to++;
            }
            long after = c.count();
            counts.changed(txn, key, after - (to - from), after);
            from = to;
        }
        catalog.keySeriesAdded(txn, Arrays.copyOf(sorted[0].key(), ValueCounts.valueStart(sorted[0].key())),
                sorted.length);
    }
}
