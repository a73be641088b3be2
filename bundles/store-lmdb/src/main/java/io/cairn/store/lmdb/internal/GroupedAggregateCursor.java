package io.cairn.store.lmdb.internal;

import io.cairn.api.model.Tags;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.SeriesBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;
import java.util.TreeMap;
import org.lmdbjava.Cursor;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/**
 * An aggregation grouped by one tag key, streamed group by group: the key's postings list its values in order,
 * each value's series (those of the scan's matching series) are aggregated and handed out before the next value
 * is read. Memory holds the matching series ids (8 bytes each) and one group, never every group, so grouping by
 * a key with a million values stays small and a consumer that keeps the top N groups needs room for N. Series
 * without the key form the first group (no tags). Groups come in the postings' byte order of their values
 * (UTF-8, which is {@link String} order for values below U+D800; values too long for a key come first).
 * Reading the key's postings costs time in proportion to its series, so a scan of fewer than
 * {@link #MIN_SERIES} series (one customer's) groups them in memory instead. When every series of the
 * measurement matches and carries the key ({@code ids} null), no ids are read at all. One cursor of the chunks
 * serves every series. When the scan matches a large share of the store's series and has one time bucket, the
 * chunks of every series are first read in one pass in key order into a table by series id ({@link ChunkSweep},
 * about 8 bytes per series and function), and the groups then sum their series' cells: one LMDB search per series,
 * in postings order (random in the chunks' key order), costs several times more.
 */
final class GroupedAggregateCursor implements ScanCursor {
    /** The fewest matching series for which a grouped aggregation streams. */
    static final int MIN_SERIES = 4096;

    private final LmdbEnvironment lmdb;
    private final ReadTxn txn;
    private final long[] ids;
    private final String key;
    private final byte[] prefix;
    private final Cursor<byte[]> postings;
    private final Cursor<byte[]> chunks;
    private final AggregateScan scan;
    private final SeriesCells cells;
    private final ArrayDeque<SeriesBatch> ready = new ArrayDeque<>();
    private final TreeMap<String, String> single = new TreeMap<>();
    private boolean more;
    private boolean closed;

    GroupedAggregateCursor(LmdbEnvironment lmdb, ReadTxn txn, long[] ids, String db,
            String measurement, ScanFields fields, Aggregation aggregation, long start, long end) {
        this(lmdb, txn, ids, db, measurement, fields, aggregation, start, end, -1, 0);
    }

    /**
     * A cursor that first reads the chunks of every series id up to {@code maxId} in one pass (see
     * {@link AggregateScan#sweep}) when {@code matching} series (of the scan) make that worth it.
     */
    GroupedAggregateCursor(LmdbEnvironment lmdb, ReadTxn txn, long[] ids, String db, String measurement,
            ScanFields fields, Aggregation aggregation, long start, long end, long maxId, long matching) {
        this.lmdb = lmdb;
        this.txn = txn;
        this.ids = ids;
        this.key = aggregation.groupBy().get(0);
        this.prefix = Keys.under(Keys.join(db, measurement, key));
        this.chunks = lmdb.chunks.openCursor(txn.txn());
        this.scan = new AggregateScan(lmdb, chunks, fields, aggregation, start, end);
        try {
            this.postings = lmdb.postings.openCursor(txn.txn());
        } catch (RuntimeException e) {
            chunks.close();
            throw e;
        }
        try {
            this.cells = maxId < 0 ? null : scan.sweep(txn.txn(), maxId, matching);
            if (ids != null) {
                aggregateSeriesWithoutTheKey();
            }
            this.more = (ids == null || ids.length > 0) && postings.get(prefix, GetOp.MDB_SET_RANGE)
                    && Keys.startsWith(postings.key(), prefix);
        } catch (RuntimeException e) {
            postings.close();
            chunks.close();
            throw e;
        }
    }

    /**
     * Returns whether a scan groups, by one tag key, every series of its measurement with each carrying the key:
     * the cursor then needs no series ids ({@code ids} null).
     */
    static boolean coversEverySeries(Txn<byte[]> txn, Catalog catalog, ScanRequest request) {
        if (request.aggregation() == null || request.aggregation().groupBy().size() != 1
                || !request.predicates().isEmpty()) {
            return false;
        }
        long series = catalog.seriesCount(txn, request.database(), request.measurement());
        return series > MIN_SERIES && series == catalog.keySeriesCount(txn, request.database(),
                request.measurement(), request.aggregation().groupBy().get(0));
    }

    private void aggregateSeriesWithoutTheKey() {
        BitSet withKey = new BitSet(ids.length);
        PrefixScan.forEach(lmdb.postings, txn.txn(), prefix, (k, v) -> {
            int at = Arrays.binarySearch(ids, Keys.id(v));
            if (at >= 0) {
                withKey.set(at);
            }
            return true;
        });
        if (withKey.cardinality() < ids.length) {
            for (int i = withKey.nextClearBit(0); i < ids.length; i = withKey.nextClearBit(i + 1)) {
                add(ids[i], Tags.EMPTY);
            }
            ready.addAll(scan.result());
        }
    }

    /** Returns whether the chunks were read in one pass before the groups (see {@link AggregateScan#sweep}). */
    boolean swept() {
        return cells != null;
    }

    @Override
    public SeriesBatch next() {
        if (closed) {
            return null;
        }
        while (ready.isEmpty() && more) {
            aggregateNextValue();
        }
        SeriesBatch batch = ready.poll();
        if (batch == null) {
            close();
        }
        return batch;
    }

    /** Aggregates the matching series of the value under the postings cursor and moves to the next value. */
    private void aggregateNextValue() {
        byte[] k = postings.key();
        byte[] firstId = null;
        Tags group = null;
        GroupBuckets buckets = cells == null ? null : scan.newBuckets();
        boolean sameValue = true;
        while (sameValue) {
            byte[] seriesId = postings.val();
            long id = Keys.id(seriesId);
            if (ids == null || Arrays.binarySearch(ids, id) >= 0) {
                if (buckets != null) {
                    firstId = firstId == null ? seriesId : firstId;
                    scan.addCells(cells, id, buckets);
                } else {
                    group = group == null ? groupOf(k, seriesId) : group;
                    scan.addToGroup(txn.txn(), id, group);
                }
            }
            more = postings.next(); // one step to the next series, of this value or the next one
            sameValue = more && Arrays.equals(postings.key(), k);
        }
        more = more && Keys.startsWith(postings.key(), prefix);
        if (buckets != null && buckets.size() > 0) {
            ready.add(scan.batchOf(groupOf(k, firstId), buckets));
        } else if (group != null) {
            ready.addAll(scan.result());
        }
    }

    /** Returns the group of a value, given by its postings key and a series id of its postings. */
    private Tags groupOf(byte[] postingsKey, byte[] seriesId) {
        single.put(key, valueOf(postingsKey, seriesId));
        return Tags.of(single); // a sorted map of one entry is copied without comparisons
    }

    private void add(long id, Tags group) {
        if (cells == null) {
            scan.addToGroup(txn.txn(), id, group);
        } else {
            scan.addCells(cells, id, group);
        }
    }

    private String valueOf(byte[] postingsKey, byte[] seriesId) {
        if (Keys.isHashed(postingsKey, prefix.length)) {
            return Keys.tagsOfSeriesKey(lmdb.seriesById.get(txn.txn(), seriesId)).get(key);
        }
        return new String(postingsKey, prefix.length, postingsKey.length - prefix.length, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            postings.close();
            chunks.close();
        } finally {
            txn.close();
        }
    }
}
