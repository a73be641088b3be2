package io.cairn.store.lmdb.internal;

import java.util.TreeMap;

/**
 * The accumulators of one group: a row of one accumulator per field for each time bucket, buckets in ascending
 * order. A group with one bucket (the usual top-N question) keeps it in plain fields; a second bucket moves the
 * rows to a sorted map. The row used last is found again without a search.
 */
final class GroupBuckets {
    private final int fields;
    private long onlyBucket;
    private Accumulator[] onlyRow;
    private TreeMap<Long, Accumulator[]> many;
    private long lastBucket;
    private Accumulator[] lastRow;

    GroupBuckets(int fields) {
        this.fields = fields;
    }

    /** Returns the accumulator of a field in a bucket, made when missing. */
    Accumulator accumulator(long bucket, int field) {
        Accumulator[] row = lastRow != null && lastBucket == bucket ? lastRow : row(bucket);
        Accumulator a = row[field];
        if (a == null) {
            a = new Accumulator();
            row[field] = a;
        }
        return a;
    }

    private Accumulator[] row(long bucket) {
        Accumulator[] row;
        if (onlyRow == null && many == null) {
            onlyBucket = bucket;
            onlyRow = new Accumulator[fields];
            row = onlyRow;
        } else if (many == null && onlyBucket == bucket) {
            row = onlyRow;
        } else {
            if (many == null) {
                many = new TreeMap<>();
                many.put(onlyBucket, onlyRow);
                onlyRow = null;
            }
            row = many.computeIfAbsent(bucket, b -> new Accumulator[fields]);
        }
        lastBucket = bucket;
        lastRow = row;
        return row;
    }

    /** Returns the number of buckets. */
    int size() {
        return many != null ? many.size() : onlyRow != null ? 1 : 0;
    }

    /** Returns the buckets in ascending order. */
    long[] times() {
        if (many == null) {
            return onlyRow == null ? new long[0] : new long[] {onlyBucket};
        }
        long[] times = new long[many.size()];
        int r = 0;
        for (long bucket : many.keySet()) {
            times[r++] = bucket;
        }
        return times;
    }

    /** Returns the rows of accumulators (one per field, null where a field has no value) in bucket order. */
    Accumulator[][] rows() {
        if (many == null) {
            return onlyRow == null ? new Accumulator[0][] : new Accumulator[][] {onlyRow};
        }
        return many.values().toArray(new Accumulator[0][]);
    }
}
