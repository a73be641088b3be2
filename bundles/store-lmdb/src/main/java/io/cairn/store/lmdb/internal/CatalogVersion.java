package io.cairn.store.lmdb.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The number {@link io.cairn.api.store.TimeSeriesStore#catalogVersion} answers: taken anew from one counter of
 * the process once a write transaction that changed the catalog (a database, measurement, tag key or field) has
 * committed, so it never repeats, not even across a reopened environment. A write transaction runs on the
 * thread that asked for it, so the change is noted on that thread and published by the same thread after the
 * commit; a transaction that aborted after noting a change only makes the next commit on its thread publish a
 * new number needlessly.
 */
final class CatalogVersion {
    private static final AtomicLong NUMBERS = new AtomicLong();

    private final ThreadLocal<boolean[]> changed = ThreadLocal.withInitial(() -> new boolean[1]);
    private volatile long current = NUMBERS.incrementAndGet();

    /** Notes, within a write transaction, that it changes the catalog. */
    void changing() {
        changed.get()[0] = true;
    }

    /** Publishes a new number if the write transaction this thread just committed changed the catalog. */
    void committed() {
        boolean[] flag = changed.get();
        if (flag[0]) {
            flag[0] = false;
            current = NUMBERS.incrementAndGet();
        }
    }

    /** Returns the current number: read it before reading the catalog. */
    long current() {
        return current;
    }
}
