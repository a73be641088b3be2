package io.cairn.ingest.internal;

import java.util.Arrays;

/**
 * The distinct series written to one measurement (or one tenant) since the server started: a
 * {@link HyperLogLog} plus its estimate at the start of each of the last 60 minutes, from which the growth
 * (series first seen in the last minute or hour) follows. Thread safe.
 */
final class SeriesSketch {
    private static final long MINUTE = 60_000;
    static final int MINUTES_KEPT = 61;

    private final HyperLogLog sketch = new HyperLogLog();
    private final long[] minuteOf = new long[MINUTES_KEPT];
    private final long[] estimateAt = new long[MINUTES_KEPT];
    private long currentMinute;
    private long estimate;
    private boolean estimateStale;

    /** Starts a sketch at a time (milliseconds since the epoch), with no series. */
    SeriesSketch(long nowMillis) {
        Arrays.fill(minuteOf, Long.MIN_VALUE);
        currentMinute = nowMillis / MINUTE;
        mark(currentMinute, 0);
    }

    /** Adds series hashes written at a time. */
    synchronized void add(long[] hashes, int count, long nowMillis) {
        roll(nowMillis);
        for (int i = 0; i < count; i++) {
            estimateStale |= sketch.add(hashes[i]);
        }
    }

    /** Returns the estimated number of distinct series added. */
    synchronized long estimate() {
        if (estimateStale) {
            estimate = sketch.estimate();
            estimateStale = false;
        }
        return estimate;
    }

    /**
     * Returns the estimated number of series first seen in the last {@code minutes} minutes (at most 60): since
     * the start of the sketch when it is younger.
     */
    synchronized long growth(int minutes, long nowMillis) {
        roll(nowMillis);
        long from = nowMillis / MINUTE - minutes;
        long best = Long.MAX_VALUE;
        long base = 0;
        for (int i = 0; i < MINUTES_KEPT; i++) {
            if (minuteOf[i] >= from && minuteOf[i] < best) {
                best = minuteOf[i];
                base = estimateAt[i];
            }
        }
        return best == Long.MAX_VALUE ? 0 : Math.max(0, estimate() - base);
    }

    private void roll(long nowMillis) {
        long minute = nowMillis / MINUTE;
        if (minute > currentMinute) {
            currentMinute = minute;
            mark(minute, estimate());
        }
    }

    private void mark(long minute, long value) {
        int slot = (int) Math.floorMod(minute, (long) MINUTES_KEPT);
        minuteOf[slot] = minute;
        estimateAt[slot] = value;
    }
}
