package io.cairn.ingest.internal;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The acknowledged write-ahead-log records not yet flushed to the store, in sequence order, with
 * a bound on their rows. Records that do not fit are dropped from memory (they stay in the log):
 * {@link #replayThrough()} then names the last sequence number to read back from the log.
 * Thread safe.
 */
final class WriteBuffer {
    /** One write-ahead-log record with its batches. */
    record Entry(long sequence, List<WriteBatch> batches, int rows) {
    }

    private final int maxRows;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final Map<String, Map<Tags, Integer>> pendingSeries = new HashMap<>();
    private int rows;
    private boolean overflowed;
    private long lastSkipped;

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
            Map<Tags, Integer> series = pendingSeries.computeIfAbsent(key(b.database(), b.measurement()), k -> new HashMap<>());
            for (Tags t : b.series()) {
                series.merge(t, 1, Integer::sum);
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
                Map<Tags, Integer> series = pendingSeries.get(key(b.database(), b.measurement()));
                if (series != null) {
                    for (Tags t : b.series()) {
                        series.computeIfPresent(t, (k, n) -> n <= 1 ? null : n - 1);
                    }
                }
                if (series != null && series.isEmpty()) {
                    pendingSeries.remove(key(b.database(), b.measurement()));
                }
            }
        }
    }

    /** Returns the number of rows held. */
    synchronized int rows() {
        return rows;
    }

    /** Returns a copy of the series of a measurement that buffered rows belong to. */
    synchronized Set<Tags> pendingSeries(String database, String measurement) {
        Map<Tags, Integer> series = pendingSeries.get(key(database, measurement));
        return series == null ? Set.of() : Set.copyOf(series.keySet());
    }

    /** Returns the number of series of a measurement that buffered rows belong to. */
    synchronized int pendingSeriesCount(String database, String measurement) {
        Map<Tags, Integer> series = pendingSeries.get(key(database, measurement));
        return series == null ? 0 : series.size();
    }

    private static String key(String database, String measurement) {
        return database + '\u0000' + measurement;
    }
}
