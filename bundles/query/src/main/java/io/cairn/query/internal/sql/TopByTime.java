package io.cairn.query.internal.sql;

import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.SeriesBatch;
import io.cairn.api.store.TimeSeriesStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A pushed {@code ORDER BY time [DESC] LIMIT n}: the store returns series one after another, so
 * the newest (oldest) n rows are found by scanning a window at that end of the range, doubling its
 * width until it holds n rows or covers the whole range; a window keeps only its best n rows in a heap.
 */
final class TopByTime {
    private static final long FIRST_WIDTH_NANOS = 60_000_000_000L;
    /** With an open end, the first window reaches this far past now (and to the end of time). */
    private static final long FUTURE_NANOS = 3_600_000_000_000L;

    private record Timed(long time, Object[] row) {
    }

    private TopByTime() {
    }

    static List<Object[]> rows(TimeSeriesStore store, ScanRequest range, RowReader reader, long n, boolean newestFirst,
            AtomicBoolean cancelled) {
        long start = range.startNanos();
        long end = range.endNanos();
        long anchor = anchor(range, newestFirst);
        long width = FIRST_WIDTH_NANOS;
        while (true) {
            boolean whole = width == Long.MAX_VALUE;
            long lo = newestFirst ? (whole ? start : Math.max(start, saturatedAdd(anchor, -width))) : start;
            long hi = newestFirst ? end : (whole ? end : Math.min(end, saturatedAdd(anchor, width)));
            Window found = scan(store, range, lo, hi, reader, n, newestFirst, cancelled);
            if (found.rows() >= n || (newestFirst ? lo == start : hi == end)) {
                Comparator<Timed> byTime = Comparator.comparingLong(Timed::time);
                List<Timed> top = new ArrayList<>(found.top());
                top.sort(newestFirst ? byTime.reversed() : byTime);
                List<Object[]> out = new ArrayList<>(top.size());
                for (Timed t : top) {
                    out.add(t.row());
                }
                return out;
            }
            width = width > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : width * 2;
        }
    }

    /** Where windows start: the end of the range (with an open end, a while past now) or its start. */
    static long anchor(ScanRequest range, boolean newestFirst) {
        if (!newestFirst) {
            return range.startNanos();
        }
        return range.endNanos() == Long.MAX_VALUE
                ? saturatedAdd(System.currentTimeMillis() * 1_000_000L, FUTURE_NANOS) : range.endNanos();
    }

    /** Returns the request over another time range, without a limit, with everything else as it was. */
    static ScanRequest window(ScanRequest range, long lo, long hi) {
        return new ScanRequest(range.database(), range.measurement(), lo, hi, range.predicates(), range.fields(),
                range.aggregation(), 0, range.fieldPredicates(), range.latestPerSeries());
    }

    /** The best n rows of a window (newest or oldest), and how many rows the window holds. */
    private record Window(PriorityQueue<Timed> top, long rows) {
    }

    /** Scans a window keeping only the n best rows in a heap, so memory is bounded by n, not by the window. */
    private static Window scan(TimeSeriesStore store, ScanRequest range, long lo, long hi, RowReader reader, long n,
            boolean newestFirst, AtomicBoolean cancelled) {
        Comparator<Timed> byTime = Comparator.comparingLong(Timed::time);
        PriorityQueue<Timed> top = new PriorityQueue<>(newestFirst ? byTime : byTime.reversed());
        long rows = 0;
        if (lo >= hi) {
            return new Window(top, 0);
        }
        try (ScanCursor cursor = store.scan(window(range, lo, hi))) {
            for (SeriesBatch batch = cursor.next(); batch != null; batch = cursor.next()) {
                if (cancelled != null && cancelled.get()) {
                    throw new ScanCancelledException();
                }
                for (int r = 0; r < batch.size(); r++, rows++) {
                    long time = batch.times()[r];
                    if (top.size() < n) {
                        top.add(new Timed(time, reader.read(batch, r)));
                    } else if (newestFirst ? time > top.peek().time() : time < top.peek().time()) {
                        top.poll();
                        top.add(new Timed(time, reader.read(batch, r)));
                    }
                }
            }
        }
        return new Window(top, rows);
    }

    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return sum;
    }
}
