package io.cairn.ingest.internal;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The acknowledged write-ahead-log records not yet flushed to the store, in sequence order, with
 * bounds on their rows and their estimated heap. Records that do not fit are dropped from memory (they stay in the log):
 * {@link #replayThrough()} then names the last sequence number to read back from the log.
 * The series of the buffered rows are counted per measurement with what admission found out about them
 * ({@link PendingSeries}), so that near a series limit the store is not asked about them again.
 * Thread safe.
 */
final class WriteBuffer {
    /** One write-ahead-log record with its batches. */
    record Entry(long sequence, List<WriteBatch> batches, int rows, long bytes) {
    }

    /** Estimated heap bytes of a buffered row beyond its field values, and of each value. */
    private static final int ROW_BYTES = 16;
    private static final int VALUE_BYTES = 9;
    /** Estimated heap bytes of a buffered series: its tags and their place in the batch and the pending marks. */
    private static final int SERIES_BYTES = 320;

    private final int maxRows;
    private final long maxBytes;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final Map<String, PendingSeries> pendingSeries = new HashMap<>();
    private int rows;
    private long bytes;
    private int reservedRows;
    private long reservedBytes;
    private boolean overflowed;
    private long lastSkipped;
    private Object markedFor;
    private long progress;

    /** Creates a buffer that holds up to {@code maxRows} rows, with the log holding records up to {@code inLogOnly}. */
    WriteBuffer(int maxRows, long inLogOnly) {
        this(maxRows, Long.MAX_VALUE, inLogOnly);
    }

    /**
     * Creates a buffer that holds up to {@code maxRows} rows and about {@code maxBytes} bytes of heap (see
     * {@link #heapBytes}), with the log holding records up to {@code inLogOnly}.
     */
    WriteBuffer(int maxRows, long maxBytes, long inLogOnly) {
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
        this.lastSkipped = inLogOnly;
    }

    /** Adds a record, or drops it and everything buffered when it does not fit. */
    synchronized void add(long sequence, List<WriteBatch> batches) {
        add(sequence, batches, false);
    }

    /**
     * Adds a record, or drops it and everything buffered when it does not fit; {@code reserved}: its room was
     * reserved by {@link #awaitRoom}, and is now taken.
     */
    synchronized void add(long sequence, List<WriteBatch> batches, boolean reserved) {
        int n = rowsOf(batches);
        long size = heapBytes(batches);
        if (reserved) {
            unreserve(n, size);
        }
        if (overflowed || !fits(n, size)) {
            if (!overflowed) {
                entries.clear();
                pendingSeries.clear();
                rows = 0;
                bytes = 0;
                overflowed = true;
            }
            lastSkipped = sequence;
            return;
        }
        entries.add(new Entry(sequence, batches, n, size));
        rows += n;
        bytes += size;
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

    /**
     * Waits until the batches fit, the buffer overflowed, or {@code quietMillis} pass without the flusher writing
     * anything to the store; returns whether they fit, their room then reserved until they are {@link #add added}
     * or {@link #release released}. Writers wait here before they append to the log, so that a store slower than
     * they are slows them down rather than having their rows read back from the log; the reservation keeps two
     * writers from both taking the room of one while their records are on their way through the log.
     */
    synchronized boolean awaitRoom(List<WriteBatch> batches, long quietMillis) throws InterruptedException {
        int n = rowsOf(batches);
        long size = heapBytes(batches);
        long seen = progress;
        long quietEnd = System.nanoTime() + quietMillis * 1_000_000;
        while (!overflowed && (rows > 0 || reservedRows > 0) && !fits(n, size)) {
            long left = quietEnd - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
            if (progress != seen) {
                seen = progress;
                quietEnd = System.nanoTime() + quietMillis * 1_000_000;
            }
        }
        if (overflowed || !fits(n, size)) {
            return false;
        }
        reservedRows += n;
        reservedBytes += size;
        return true;
    }

    /** Gives back the room {@link #awaitRoom} reserved for batches that will not be added. */
    synchronized void release(List<WriteBatch> batches) {
        unreserve(rowsOf(batches), heapBytes(batches));
        notifyAll();
    }

    private void unreserve(int n, long size) {
        reservedRows -= n;
        reservedBytes -= size;
    }

    /** Tells waiting writers that the flusher wrote rows to the store (from this buffer or from the log). */
    synchronized void flushed() {
        progress++;
        notifyAll();
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
            bytes -= e.bytes;
            progress++;
            for (WriteBatch b : e.batches) {
                PendingSeries series = pendingSeries.get(key(b.database(), b.measurement()));
                if (series != null) {
                    for (Tags t : b.series()) {
                        series.remove(t);
                    }
                }
                if (series != null && series.isEmpty()) {
                    pendingSeries.remove(key(b.database(), b.measurement()));
                }
            }
        }
        notifyAll();
    }

    private boolean fits(int n, long size) {
        return rows + reservedRows + n <= maxRows && bytes + reservedBytes + size <= maxBytes;
    }

    private static int rowsOf(List<WriteBatch> batches) {
        int n = 0;
        for (WriteBatch b : batches) {
            n += b.size();
        }
        return n;
    }

    /**
     * Estimates the heap the batches take while buffered: a series costs more than a row (its tags, its place in
     * the batch, its pending mark), so a million rows of a million series weigh several times a million rows of a
     * thousand.
     */
    static long heapBytes(List<WriteBatch> batches) {
        long size = 0;
        for (WriteBatch b : batches) {
            size += (long) b.size() * (ROW_BYTES + (long) VALUE_BYTES * b.fields().size())
                    + (long) b.series().size() * SERIES_BYTES;
        }
        return size;
    }

    /** Returns the number of rows held. */
    synchronized int rows() {
        return rows;
    }

    /** Returns a copy of the series of a measurement that buffered rows belong to and admission has not checked. */
    synchronized Set<Tags> pendingSeries(String database, String measurement) {
        PendingSeries series = pendingSeries.get(key(database, measurement));
        return series == null ? Set.of() : series.unchecked();
    }

    /** Returns the number of series of a measurement that buffered rows belong to, except those marked stored. */
    synchronized int pendingSeriesCount(String database, String measurement) {
        PendingSeries series = pendingSeries.get(key(database, measurement));
        return series == null ? 0 : series.possiblyNew();
    }

    /** Returns the number of series of a measurement that buffered rows belong to and admission found new. */
    synchronized int pendingNewSeriesCount(String database, String measurement) {
        PendingSeries series = pendingSeries.get(key(database, measurement));
        return series == null ? 0 : series.markedNew();
    }

    /** Returns what admission found out about a buffered series, or null when it has no buffered rows. */
    synchronized PendingSeries.Mark pendingMark(String database, String measurement, Tags tags) {
        PendingSeries series = pendingSeries.get(key(database, measurement));
        return series == null ? null : series.markOf(tags);
    }

    /** Returns whether a buffered series was marked stored or new. */
    boolean pendingChecked(String database, String measurement, Tags tags) {
        PendingSeries.Mark mark = pendingMark(database, measurement, tags);
        return mark != null && mark != PendingSeries.Mark.UNCHECKED;
    }

    /**
     * Marks buffered series of a measurement as held by a store (a series once stored stays stored) or new to it,
     * unless another store was bound since ({@link #storeBound}).
     */
    synchronized void markPending(Object store, String database, String measurement, Collection<Tags> stored,
            Collection<Tags> fresh) {
        PendingSeries series = pendingSeries.get(key(database, measurement));
        if (series != null && store == markedFor) {
            stored.forEach(t -> series.mark(t, PendingSeries.Mark.STORED));
            fresh.forEach(t -> series.mark(t, PendingSeries.Mark.NEW));
        }
    }

    /** Forgets every mark: they were found in another store than the one now bound. */
    synchronized void storeBound(Object store) {
        markedFor = store;
        pendingSeries.values().forEach(PendingSeries::forgetMarks);
    }

    private static String key(String database, String measurement) {
        return database + '\u0000' + measurement;
    }
}
