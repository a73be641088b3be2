package io.cairn.store.lmdb.internal;

import io.cairn.api.model.Tags;
import io.cairn.api.store.TagPredicate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;
import org.lmdbjava.Cursor;
import org.lmdbjava.GetOp;
import org.lmdbjava.SeekOp;
import org.lmdbjava.Txn;

/**
 * The series index: series key to id, id to key, and the postings (tag=value to the ids of the
 * series that carry it), so that a tag filter reads only the ids of matching series.
 */
final class SeriesIndex {
    /** How many series' tags {@link #tags} keeps decoded (about 1 KB each with ten tags, so at most ~8 MB). */
    static final int CACHED_TAGS = 8_192;

    private final LmdbEnvironment lmdb;
    private final Catalog catalog;
    private final SeriesTagsCache tagsCache = new SeriesTagsCache(CACHED_TAGS);
    private final SeriesLists lists = new SeriesLists();

    SeriesIndex(LmdbEnvironment lmdb, Catalog catalog) {
        this.lmdb = lmdb;
        this.catalog = catalog;
    }

    /** Returns the id of a series, or -1 when it does not exist. */
    long find(Txn<byte[]> txn, String db, String measurement, Tags tags) {
        byte[] id = lmdb.series.get(txn, Keys.seriesKey(db, measurement, tags));
        return id == null ? -1 : Keys.id(id);
    }

    /** Starts resolving the series of one write within its transaction; see {@link NewSeries}. */
    NewSeries newSeries(Txn<byte[]> txn, String db, String measurement) {
        return new NewSeries(lmdb, catalog, txn, db, measurement);
    }

    /** Returns the tags of a series id, from the cache of recently read series' tags when they are there. */
    Tags tags(Txn<byte[]> txn, long id) {
        Tags cached = tagsCache.get(id);
        if (cached != null) {
            return cached;
        }
        byte[] key = lmdb.seriesById.get(txn, Keys.id(id));
        if (key == null) {
            return Tags.EMPTY;
        }
        Tags tags = Keys.tagsOfSeriesKey(key);
        if (txn.isReadOnly()) {
            tagsCache.put(id, tags);
        }
        return tags;
    }

    /** Returns the ids, ascending, of the series of a measurement that meet every predicate. */
    long[] matching(Txn<byte[]> txn, String db, String measurement, List<TagPredicate> predicates) {
        if (predicates.isEmpty()) {
            return all(txn, db, measurement);
        }
        List<long[]> sets = new ArrayList<>();
        for (TagPredicate p : predicates) {
            LongStream.Builder ids = LongStream.builder();
            for (String value : p.values()) {
                postings(txn, Keys.postingsKey(db, measurement, p.key(), value), ids);
            }
            sets.add(ids.build().sorted().distinct().toArray());
        }
        sets.sort(Comparator.comparingInt(a -> a.length));
        long[] result = sets.get(0);
        for (int i = 1; i < sets.size() && result.length > 0; i++) {
            result = intersect(result, sets.get(i));
        }
        return result;
    }

    /**
     * Returns the ids of every series of a measurement, ascending; a read transaction finds them in the
     * {@link SeriesLists} by the measurement's series count when they were read before.
     */
    long[] all(Txn<byte[]> txn, String db, String measurement) {
        if (!txn.isReadOnly()) {
            return read(txn, db, measurement);
        }
        long count = catalog.seriesCount(txn, db, measurement);
        long[] ids = lists.get(db, measurement, count);
        if (ids == null) {
            ids = read(txn, db, measurement);
            lists.put(db, measurement, count, ids);
        }
        return ids;
    }

    private long[] read(Txn<byte[]> txn, String db, String measurement) {
        LongStream.Builder ids = LongStream.builder();
        PrefixScan.forEach(lmdb.series, txn, Keys.under(Keys.join(db, measurement)), (k, v) -> {
            ids.add(Keys.id(v));
            return true;
        });
        long[] all = ids.build().toArray();
        Arrays.sort(all);
        return all;
    }

    private void postings(Txn<byte[]> txn, byte[] key, LongStream.Builder into) {
        try (Cursor<byte[]> c = lmdb.postings.openCursor(txn)) {
            boolean found = c.get(key, GetOp.MDB_SET_KEY);
            while (found) {
                into.add(Keys.id(c.val()));
                found = c.seek(SeekOp.MDB_NEXT_DUP);
            }
        }
    }

    private static long[] intersect(long[] a, long[] b) {
        long[] out = new long[Math.min(a.length, b.length)];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length && j < b.length) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                out[n++] = a[i];
                i++;
                j++;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
