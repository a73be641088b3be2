package io.cairn.store.lmdb.internal;

import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.SeriesBatch;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.lmdbjava.Cursor;
import org.lmdbjava.GetOp;
import org.lmdbjava.SeekOp;

/**
 * An aggregation grouped by one tag key, streamed group by group: the key's postings list its values in order,
 * each value's series (those of the scan's matching series) are aggregated and handed out before the next value
 * is read. Memory holds the matching series ids (8 bytes each) and one group, never every group, so grouping by
 * a key with a million values stays small and a consumer that keeps the top N groups needs room for N. Series
 * without the key form the first group (no tags). Groups come in the postings' byte order of their values
 * (UTF-8, which is {@link String} order for values below U+D800; values too long for a key come first).
 * Reading the key's postings costs time in proportion to its series, so a scan of fewer than
 * {@link #MIN_SERIES} series (one customer's) groups them in memory instead.
 */
final class GroupedAggregateCursor implements ScanCursor {
    /** The fewest matching series for which a grouped aggregation streams. */
    static final int MIN_SERIES = 4096;

    private final LmdbEnvironment lmdb;
    private final ReadTxn txn;
    private final long[] ids;
    private final String key;
    private final List<String> fields;
    private final List<FieldType> types;
    private final Aggregation aggregation;
    private final long start;
    private final long end;
    private final byte[] prefix;
    private final Cursor<byte[]> postings;
    private final ArrayDeque<SeriesBatch> ready = new ArrayDeque<>();
    private boolean more;
    private boolean closed;

    GroupedAggregateCursor(LmdbEnvironment lmdb, ReadTxn txn, long[] ids, String db,
            String measurement, List<String> fields, List<FieldType> types, Aggregation aggregation, long start,
            long end) {
        this.lmdb = lmdb;
        this.txn = txn;
        this.ids = ids;
        this.key = aggregation.groupBy().get(0);
        this.fields = fields;
        this.types = types;
        this.aggregation = aggregation;
        this.start = start;
        this.end = end;
        this.prefix = Keys.under(Keys.join(db, measurement, key));
        aggregateSeriesWithoutTheKey();
        this.postings = lmdb.postings.openCursor(txn.txn());
        try {
            this.more = ids.length > 0 && postings.get(prefix, GetOp.MDB_SET_RANGE)
                    && Keys.startsWith(postings.key(), prefix);
        } catch (RuntimeException e) {
            postings.close();
            throw e;
        }
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
            AggregateScan scan = newScan();
            for (int i = withKey.nextClearBit(0); i < ids.length; i = withKey.nextClearBit(i + 1)) {
                scan.add(txn.txn(), ids[i], Tags.EMPTY);
            }
            ready.addAll(scan.result());
        }
    }

    private AggregateScan newScan() {
        return new AggregateScan(lmdb, fields, types, aggregation, start, end);
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
        AggregateScan scan = null;
        Tags group = null;
        boolean found = true;
        while (found) {
            long id = Keys.id(postings.val());
            if (Arrays.binarySearch(ids, id) >= 0) {
                if (scan == null) {
                    scan = newScan();
                    group = Tags.of(key, valueOf(k, postings.val()));
                }
                scan.add(txn.txn(), id, group);
            }
            found = postings.seek(SeekOp.MDB_NEXT_DUP);
        }
        more = postings.seek(SeekOp.MDB_NEXT_NODUP) && Keys.startsWith(postings.key(), prefix);
        if (scan != null) {
            ready.addAll(scan.result());
        }
    }

    private String valueOf(byte[] postingsKey, byte[] seriesId) {
        if (Keys.isHashed(postingsKey, prefix.length)) {
            return Keys.tagsOfSeriesKey(lmdb.seriesById.get(txn.txn(), seriesId)).get(key);
        }
        return Keys.split(postingsKey, 3).get(0);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            postings.close();
        } finally {
            txn.close();
        }
    }
}
