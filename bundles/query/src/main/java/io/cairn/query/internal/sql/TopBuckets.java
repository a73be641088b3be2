package io.cairn.query.internal.sql;

import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.SeriesBatch;
import io.cairn.api.store.TimeSeriesStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A pushed {@code GROUP BY time_bucket(...) ... ORDER BY bucket [DESC] LIMIT n}: the aggregation runs over a window
 * of whole buckets at the newest (oldest) end of the range, first n buckets wide, four times wider each time it
 * yields fewer than n rows, until it covers the range. A window holding n rows holds the first n by bucket of the
 * whole range, since every bucket outside it comes after all buckets inside it.
 */
final class TopBuckets {
    private static final int WIDENING = 4;

    private TopBuckets() {
    }

    static List<Object[]> rows(TimeSeriesStore store, ScanRequest range, RowReader reader, PushedAggregation a,
            long n, boolean newestFirst, AtomicBoolean cancelled) {
        long bucket = a.bucketMillis() * 1_000_000L;
        int column = a.keys().indexOf(null);
        long start = range.startNanos();
        long end = range.endNanos();
        long anchor = TopByTime.anchor(range, newestFirst);
        long width = n > Long.MAX_VALUE / bucket ? Long.MAX_VALUE : n * bucket;
        while (true) {
            boolean whole = width == Long.MAX_VALUE;
            long lo = newestFirst && !whole ? Math.max(start, alignDown(TopByTime.saturatedAdd(anchor, -width), bucket))
                    : start;
            long hi = !newestFirst && !whole ? Math.min(end, alignUp(TopByTime.saturatedAdd(anchor, width), bucket)) : end;
            List<Object[]> rows = scan(store, TopByTime.window(range, lo, hi), reader, cancelled);
            if (rows.size() >= n || (lo == start && hi == end)) {
                Comparator<Object[]> byBucket = Comparator.comparingLong(row -> (Long) row[column]);
                rows.sort(newestFirst ? byBucket.reversed() : byBucket);
                return rows.size() > n ? new ArrayList<>(rows.subList(0, (int) n)) : rows;
            }
            width = width > Long.MAX_VALUE / WIDENING ? Long.MAX_VALUE : width * WIDENING;
        }
    }

    private static List<Object[]> scan(TimeSeriesStore store, ScanRequest window, RowReader reader,
            AtomicBoolean cancelled) {
        List<Object[]> rows = new ArrayList<>();
        if (window.startNanos() >= window.endNanos()) {
            return rows;
        }
        try (ScanCursor cursor = store.scan(window)) {
            for (SeriesBatch batch = cursor.next(); batch != null; batch = cursor.next()) {
                if (cancelled != null && cancelled.get()) {
                    throw new ScanCancelledException();
                }
                for (int r = 0; r < batch.size(); r++) {
                    rows.add(reader.read(batch, r));
                }
            }
        }
        return rows;
    }

    /** The start of the bucket holding a time (the earliest time when that underflows). */
    private static long alignDown(long nanos, long bucket) {
        try {
            return Math.multiplyExact(Math.floorDiv(nanos, bucket), bucket);
        } catch (ArithmeticException e) {
            return Long.MIN_VALUE;
        }
    }

    /** The end of the bucket holding a time (the last time when that overflows). */
    private static long alignUp(long nanos, long bucket) {
        try {
            return Math.addExact(alignDown(nanos, bucket), Math.floorMod(nanos, bucket) == 0 ? 0 : bucket);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
