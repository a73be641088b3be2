package io.cairn.enterprise.audit.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The requests being answered under the audit filter: once closing it admits no more, and the closer waits
 * until those inside are answered, so their records reach the writer before it stops.
 */
final class InFlightRequests {
    private final AtomicInteger inside = new AtomicInteger();
    private volatile boolean closing;

    /** Admits a request (to be matched by {@link #leave()}); false once closing, and the request must not run. */
    boolean enter() {
        inside.incrementAndGet();
        if (closing) {
            leave();
            return false;
        }
        return true;
    }

    void leave() {
        if (inside.decrementAndGet() == 0 && closing) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    boolean closing() {
        return closing;
    }

    /** Admits no more requests and waits (at most {@code millis}) for those inside; returns how many still are. */
    int closeAndAwait(long millis) {
        closing = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (this) {
            long left;
            while (inside.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return inside.get();
    }
}
