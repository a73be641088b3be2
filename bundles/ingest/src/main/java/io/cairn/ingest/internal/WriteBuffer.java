package io.cairn.ingest.internal;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The acknowledged write-ahead-log records not yet flushed to the store, in sequence order, with
 * a bound on their rows. Records that do not fit are dropped from memory (they stay in the log):
 * {@link #replayThrough()} then names the last sequence number to read back from the log.
 * The series of the buffered rows are counted per measurement; those that admission found stored already
 * are marked, so that the series that may still be new are known without asking the store again.
 * Thread safe.
 */
final class WriteBuffer {
    /** One write-ahead-log record with its batches. */
    record Entry(long sequence, List<WriteBatch> batches, int rows) {
    }

    private final int maxRows;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final Map<String, PendingSeries> pendingSeries = new HashMap<>();
    private int rows;
    private boolean overflowed;
    private long lastSkipped;
    private Object markedFor;

    /** Creates a buffer that holds up to {@code maxRows} rows, with the log holding records up to {@code inLogOnly}. */
    WriteBuffer(int maxRows, long inLogOnly) {
        this.maxRows = maxRows;
        this.lastSkipped = inLogOnly;
    }

    /** Adds a record, or drops it and everything buffered when it does not fit. */
    synchronized void add(long sequence, List<WriteBatch> batches) {
        int n = 0;
        for (WriteBatch b : batches) {
            n += b.size();
        }
        if (overflowed || rows + n > maxRows) {
            if (!overflowed) {
                entries.clear();
                pendingSeries.clear();
                rows = 0;
                overflowed = true;
            }
            lastSkipped = sequence;
            return;
        }
        entries.add(new Entry(sequence, batches, n));
        rows += n;
        for (WriteBatch b : batches) {
            PendingSeries series = pendingSeries.computeIfAbsent(key(b.database(), b.measurement()),
                    k -> new PendingSeries());
            for (Tags t : b.series()) {
                series.add(t);
            }
        }
    }

    /**
     * Returns the last sequence number whose record must be read from the log rather than from
     * this buffer, and starts buffering again if records were being dropped.
     */
    synchronized long replayThrough() {
        overflowed = false;
        return lastSkipped;
    }

    /** Returns whether records are being dropped because the buffer is full. */
    synchronized boolean overflowed() {
        return overflowed;
    }

    /** Returns the oldest entries holding up to about {@code maxRows} rows (at least one entry if any). */
    synchronized List<Entry> oldest(int maxRows) {
        List<Entry> taken = new ArrayList<>();
        int n = 0;
        for (Entry e : entries) {
            if (!taken.isEmpty() && n + e.rows > maxRows) {
                break;
            }
            taken.add(e);
            n += e.rows;
        }
        return taken;
    }

    /** Removes the entries with sequence numbers up to {@code sequence}. */
    synchronized void removeThrough(long sequence) {
        while (!entries.isEmpty() && entries.peekFirst().sequence <= sequence) {
            Entry e = entries.pollFirst();
            rows -= e.rows;
            for (WriteBatch b : e.batches) {
                PendingSeries series = pendingSeries.get(key(b.database(), b.measurement()));
                if (series != null) {
                    for (Tags t : b.series()) {
                        series.remove(t);
                    }
                }
                if (series != null && series.counts.isEmpty()) {
                    pendingSeries.remove(key(b.database(), b.measurement()));
                }
            }
        }
    }

    /** Returns the number of rows held. */
    synchronized int rows() {
        return rows;
    }

    /** Returns a copy of the series of a measurement that buffered rows belong to, except those marked stored. */
    synchronized Set<Tags> pendingSeries(String database, String measurement) {
        PendingSeries series = pendingSeries.get(key(database, measurement));
        if (series == null) {
            return Set.of();
        }
        Set<Tags> unstored = new HashSet<>();
        series.counts.forEach((t, n) -> {
            if (n > 0) {
                unstored.add(t);
            }
        });
        return unstored;
    }

    /** Returns the number of series {@link #pendingSeries} returns. */
    synchronized int pendingSeriesCount(String database, String measurement) {
        PendingSeries series = pendingSeries.get(key(database, measurement));
        return series == null ? 0 : series.counts.size() - series.stored;
    }

    /**
     * Marks buffered series of a measurement as held by a store (a series once stored stays stored), unless
     * another store was bound since ({@link #storeBound}).
     */
    synchronized void markStored(Object store, String database, String measurement, Collection<Tags> stored) {
        PendingSeries series = pendingSeries.get(key(database, measurement));
        if (series != null && store == markedFor) {
            for (Tags t : stored) {
                series.markStored(t);
            }
        }
    }

    /** Forgets every stored mark: they were found in another store than the one now bound. */
    synchronized void storeBound(Object store) {
        markedFor = store;
        for (PendingSeries series : pendingSeries.values()) {
            series.counts.replaceAll((t, n) -> Math.abs(n));
            series.stored = 0;
        }
    }

    /**
     * The buffered rows per series of one measurement: a positive count for a series that may be new, the count
     * negated for one marked stored.
     */
    private static final class PendingSeries {
        final Map<Tags, Integer> counts = new HashMap<>();
        int stored;

        void add(Tags t) {
            counts.merge(t, 1, (n, one) -> n > 0 ? n + 1 : n - 1);
        }

        void remove(Tags t) {
            Integer n = counts.get(t);
            if (n == null) {
                return;
            }
            if (n == 1 || n == -1) {
                counts.remove(t);
                stored -= n < 0 ? 1 : 0;
            } else {
                counts.put(t, n > 0 ? n - 1 : n + 1);
            }
        }

        void markStored(Tags t) {
            Integer n = counts.get(t);
            if (n != null && n > 0) {
                counts.put(t, -n);
                stored++;
            }
        }
    }

    private static String key(String database, String measurement) {
        return database + '\u0000' + measurement;
    }
}
