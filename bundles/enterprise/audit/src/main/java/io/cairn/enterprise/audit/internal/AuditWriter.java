package io.cairn.enterprise.audit.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes audit records from request threads into a bounded buffer without ever blocking them (a full
 * buffer drops and counts) and writes them from one thread to the {@link AuditLog}, chaining each to
 * the one before. A write (one sync) starts once {@code flushEvents} are waiting or {@code flushInterval}
 * after the first, and takes everything waiting, so a backlog costs few syncs.
 */
final class AuditWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditWriter.class);
    private static final long RETENTION_CHECK_NANOS = TimeUnit.HOURS.toNanos(1);
    /** Most events one write takes: a backlog is written in few large synced writes. */
    private static final int MAX_BATCH = 10_000;

    /** Counters as {@code /api/v1/audit/stats} shows them. */
    record Counters(long buffered, long dropped, long written, long failed, long lastSeq) {
    }

    private final AuditLog log;
    private final Clock clock;
    private final BlockingQueue<AuditRecord> buffer;
    private final int flushEvents;
    private final long flushIntervalNanos;
    private final int retentionDays;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread thread;
    private volatile long lastSeq;
    private volatile boolean running = true;
    private long droppedReported;
    private long lastRetentionCheck;

    AuditWriter(AuditLog log, Clock clock, int capacity, int flushEvents, long flushIntervalMillis, int retentionDays) {
        this.log = log;
        this.clock = clock;
        this.buffer = new ArrayBlockingQueue<>(Math.max(1, capacity));
        this.flushEvents = Math.max(1, flushEvents);
        this.flushIntervalNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1, flushIntervalMillis));
        this.retentionDays = retentionDays;
        this.lastSeq = log.lastSeq();
        applyRetention();
        this.lastRetentionCheck = System.nanoTime();
        this.thread = new Thread(this::run, "cairn-audit-writer");
        thread.setDaemon(true);
    }

    /** Starts the writer thread; until then records only fill the buffer. */
    AuditWriter start() {
        thread.start();
        return this;
    }

    /** Hands a record to the writer without blocking; false when the buffer was full (the record is counted as dropped). */
    boolean record(AuditRecord record) {
        if (running && buffer.offer(record)) {
            return true;
        }
        dropped.incrementAndGet();
        return false;
    }

    Instant now() {
        return clock.instant();
    }

    /** False once {@link #close()} began: records handed in from then on are dropped. */
    boolean accepting() {
        return running;
    }

    Counters counters() {
        return new Counters(buffer.size(), dropped.get(), written.get(), failed.get(), lastSeq);
    }

    /** The seq of the last event written to disk. */
    long lastSeq() {
        return lastSeq;
    }

    private void run() {
        List<AuditRecord> batch = new ArrayList<>();
        while (running || !buffer.isEmpty()) {
            try {
                AuditRecord first = buffer.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    long deadline = System.nanoTime() + flushIntervalNanos;
                    while (batch.size() < flushEvents && running) {
                        long wait = deadline - System.nanoTime();
                        AuditRecord next = wait <= 0 ? null : buffer.poll(wait, TimeUnit.NANOSECONDS);
                        if (next == null) {
                            break;
                        }
                        batch.add(next);
                        buffer.drainTo(batch, MAX_BATCH - batch.size());
                    }
                    buffer.drainTo(batch, MAX_BATCH - batch.size());
                }
                write(batch);
                batch.clear();
                if (System.nanoTime() - lastRetentionCheck > RETENTION_CHECK_NANOS) {
                    applyRetention();
                    lastRetentionCheck = System.nanoTime();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
        write(batch);
    }

    /** Writes a batch, preceded by an {@code audit.dropped} event when records were dropped since the last one. */
    private void write(List<AuditRecord> records) {
        long droppedNow = dropped.get();
        List<AuditRecord> all = records;
        if (droppedNow > droppedReported && (!records.isEmpty() || buffer.isEmpty())) {
            all = new ArrayList<>(records.size() + 1);
            all.add(AuditRecord.system(clock.instant(), "audit.dropped", AuditRecord.FAILURE,
                    Map.of("dropped", droppedNow - droppedReported, "dropped_total", droppedNow)));
            all.addAll(records);
        }
        if (all.isEmpty()) {
            return;
        }
        List<AuditEvent> events = new ArrayList<>(all.size());
        long seq = log.lastSeq();
        String prev = log.lastHash();
        for (AuditRecord r : all) {
            AuditEvent e = EventCodec.chain(++seq, r, prev);
            events.add(e);
            prev = e.hash();
        }
        try {
            log.append(events);
            written.addAndGet(events.size());
            lastSeq = log.lastSeq();
            droppedReported = droppedNow;
        } catch (IOException | RuntimeException e) {
            failed.addAndGet(records.size());
            LOG.error("cannot write {} audit events to {}: {}", events.size(), log.directory(), e.toString());
            try {
                log.recover();
            } catch (IOException again) {
                LOG.error("cannot re-read the audit log after a failed write: {}", again.toString());
            }
        }
    }

    private void applyRetention() {
        if (retentionDays <= 0) {
            return;
        }
        LocalDate oldestKept = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(retentionDays);
        try {
            int deleted = log.deleteBefore(oldestKept);
            if (deleted > 0) {
                LOG.info("audit retention ({} days) deleted {} day files older than {}", retentionDays, deleted,
                        oldestKept);
            }
        } catch (IOException e) {
            LOG.warn("audit retention could not delete old files: {}", e.toString());
        }
    }

    /** Stops taking records, writes what is buffered and stops the thread. */
    @Override
    public void close() {
        running = false;
        if (!thread.isAlive()) {
            return;
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
