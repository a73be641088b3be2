package io.cairn.query.internal.sql;

import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action when its deadline passes, unless it was cancelled first: one thread sleeping until the earliest
 * deadline it knows of, woken only by a deadline earlier than that. Statements sharing one timeout each add a
 * deadline later than the one the thread sleeps towards, so starting and ending a statement wakes no thread (a
 * scheduled executor signals its thread whenever the new task is the first in line, as it is on an idle engine).
 */
final class DeadlineWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeadlineWatch.class);
    /** What {@link #wakeAt} holds while the thread sleeps until woken. */
    private static final long IDLE = Long.MAX_VALUE;

    private final ConcurrentSkipListSet<Deadline> pending = new ConcurrentSkipListSet<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Thread thread;
    private volatile long wakeAt = IDLE;
    private volatile boolean closed;

    /** One watched deadline; {@link #cancel()} it when its work ended first. */
    final class Deadline implements Comparable<Deadline> {
        private final long atNanos;
        private final long order;
        private final Runnable action;

        private Deadline(long atNanos, Runnable action) {
            this.atNanos = atNanos;
            this.order = sequence.incrementAndGet();
            this.action = action;
        }

        /** Makes sure the action does not run (it may have run already). */
        void cancel() {
            pending.remove(this);
        }

        @Override
        public int compareTo(Deadline other) {
            int byTime = Long.compare(atNanos - other.atNanos, 0);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    DeadlineWatch(String threadName) {
        thread = new Thread(this::watch, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code action} on the watch's thread once {@code millis} passed, unless the deadline is cancelled. */
    Deadline watch(long millis, Runnable action) {
        Deadline d = new Deadline(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis)), action);
        pending.add(d);
        long planned = wakeAt;
        if (planned == IDLE || d.atNanos - planned < 0) {
            LockSupport.unpark(thread);
        }
        return d;
    }

    private void watch() {
        while (!closed) {
            runDue();
            Deadline next = first();
            long planned = next == null ? IDLE : next.atNanos;
            wakeAt = planned;
            // a deadline added before wakeAt was published did not wake the thread: look once more
            Deadline again = first();
            if (again != null && (planned == IDLE || again.atNanos - planned < 0)) {
                continue;
            }
            if (planned == IDLE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, planned - System.nanoTime());
            }
        }
    }

    private void runDue() {
        for (Deadline d = first(); d != null && d.atNanos - System.nanoTime() <= 0; d = first()) {
            if (pending.remove(d)) {
                try {
                    d.action.run();
                } catch (RuntimeException e) {
                    LOG.warn("a deadline's action failed", e);
                }
            }
        }
    }

    private Deadline first() {
        try {
            return pending.first();
        } catch (NoSuchElementException e) {
            return null;
        }
    }

    /** Stops the thread; pending deadlines never run. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}
