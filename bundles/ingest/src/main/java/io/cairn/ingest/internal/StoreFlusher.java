package io.cairn.ingest.internal;

import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.TimeSeriesStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that moves acknowledged rows into the bound store: first the records that only the
 * write-ahead log holds (on start, after the buffer overflowed), then the buffer, in sequence
 * order, confirming to the log what the store has taken so it can drop old segments.
 */
final class StoreFlusher {
    private static final Logger LOG = LoggerFactory.getLogger(StoreFlusher.class);
    /**
     * Most rows written to the store in one go: small enough that writers waiting for room in a full buffer get it
     * back in small steps while the store writes (at a million one-row series 20,000 measured at or above 50,000,
     * and 250,000 below both), large enough that a store transaction carries many rows.
     */
    private static final int FLUSH_ROWS = 20_000;

    private final WriteAheadLog wal;
    private final WriteBuffer buffer;
    private final Supplier<TimeSeriesStore> store;
    private final long intervalMillis;
    private final Object signal = new Object();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long flushedThrough;
    private volatile boolean storeTakingRows = true;
    private boolean woken;
    private long lastFailureLog;

    StoreFlusher(WriteAheadLog wal, WriteBuffer buffer, Supplier<TimeSeriesStore> store, long intervalMillis) {
        this.wal = wal;
        this.buffer = buffer;
        this.store = store;
        this.intervalMillis = Math.max(1, intervalMillis);
        this.flushedThrough = wal.firstSequence() - 1;
        this.thread = new Thread(this::run, "cairn-store-flusher");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Asks for a flush now rather than at the next interval. */
    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** Returns whether the last write to the store succeeded. */
    boolean storeTakingRows() {
        return storeTakingRows;
    }

    /** Returns the last sequence number confirmed flushed to a store. */
    long flushedThrough() {
        return flushedThrough;
    }

    private void run() {
        while (running) {
            try {
                synchronized (signal) {
                    if (!woken) {
                        signal.wait(intervalMillis);
                    }
                    woken = false;
                }
                flushOnce();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | LinkageError e) {
                LOG.error("Store flush failed", e);
            }
        }
    }

    /** Stops the thread, then flushes what it can. */
    void stop() {
        running = false;
        wake();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            flushOnce();
        } catch (RuntimeException e) {
            LOG.warn("Final store flush failed; the write-ahead log keeps the rows", e);
        }
    }

    /** Flushes the log-only records, then the buffer; returns whether everything reached the store. */
    synchronized boolean flushOnce() {
        TimeSeriesStore target = store.get();
        if (target == null) {
            return false;
        }
        long through = buffer.replayThrough();
        if (flushedThrough < through && !replayFromLog(target, through)) {
            return false;
        }
        while (true) {
            List<WriteBuffer.Entry> entries = buffer.oldest(FLUSH_ROWS);
            if (entries.isEmpty()) {
                return true;
            }
            List<WriteBatch> batches = new ArrayList<>();
            entries.forEach(e -> batches.addAll(e.batches()));
            if (!write(target, batches)) {
                return false;
            }
            long last = entries.get(entries.size() - 1).sequence();
            confirm(last);
            buffer.removeThrough(last);
        }
    }

    private boolean replayFromLog(TimeSeriesStore target, long through) {
        List<WriteBatch> pending = new ArrayList<>();
        int[] rows = {0};
        long[] lastSeq = {flushedThrough};
        try {
            boolean complete = wal.replay(flushedThrough, through, (seq, payload) -> {
                try {
                    for (WriteBatch b : BatchDecoder.decode(payload)) {
                        pending.add(b);
                        rows[0] += b.size();
                    }
                } catch (IllegalArgumentException e) {
                    LOG.error("Skipping undecodable write-ahead log record {}", seq, e);
                }
                lastSeq[0] = seq;
                if (rows[0] >= FLUSH_ROWS) {
                    if (!write(target, pending)) {
                        return false;
                    }
                    confirm(seq);
                    pending.clear();
                    rows[0] = 0;
                }
                return true;
            });
            if (!complete || !write(target, pending)) {
                return false;
            }
        } catch (IOException e) {
            LOG.error("Cannot read the write-ahead log", e);
            return false;
        }
        LOG.debug("Replayed write-ahead log records {}..{} into store {}", flushedThrough + 1, through, target.name());
        confirm(Math.max(through, lastSeq[0]));
        return true;
    }

    private void confirm(long sequence) {
        if (sequence > flushedThrough) {
            flushedThrough = sequence;
            wal.markFlushedThrough(sequence);
            buffer.flushed();
        }
    }

    /** Writes batches merged by measurement; false if the store failed and they must be retried. */
    private boolean write(TimeSeriesStore target, List<WriteBatch> batches) {
        for (List<WriteBatch> group : BatchMerger.group(batches)) {
            try {
                WriteBatch merged = mergeOrNull(group);
                if (merged == null) {
                    writeEach(target, group);
                    continue;
                }
                try {
                    target.write(merged);
                } catch (IllegalArgumentException conflict) {
                    writeEach(target, group);
                }
            } catch (RuntimeException | LinkageError e) {
                // a LinkageError: the store's bundle was updated under the write; the next store takes the rows
                logFailure(target, e);
                storeTakingRows = false;
                return false;
            }
        }
        storeTakingRows = true;
        return true;
    }

    private static WriteBatch mergeOrNull(List<WriteBatch> group) {
        try {
            return BatchMerger.merge(group);
        } catch (IllegalArgumentException clash) {
            return null;
        }
    }

    private void writeEach(TimeSeriesStore target, List<WriteBatch> group) {
        for (WriteBatch b : group) {
            try {
                target.write(b);
            } catch (IllegalArgumentException conflict) {
                LOG.error("Dropping {} rows of {}.{} the store rejects: {}", b.size(), b.database(),
                        b.measurement(), conflict.getMessage());
            }
        }
    }

    private void logFailure(TimeSeriesStore target, Throwable e) {
        long now = System.currentTimeMillis();
        if (now - lastFailureLog > 10_000) {
            lastFailureLog = now;
            LOG.warn("Store {} did not take a flush; the rows are kept and retried: {}", target.name(), e.toString());
        }
    }
}
