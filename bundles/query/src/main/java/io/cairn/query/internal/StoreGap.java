package io.cairn.query.internal;

import io.cairn.api.store.TimeSeriesStore;
import java.util.function.Supplier;

/** Waits a bounded time for a store during a swap, then answers 503 STORE_UNAVAILABLE. */
final class StoreGap {
    /** How long a query waits for a store by default, in milliseconds. */
    static final long DEFAULT_WAIT_MS = 2_000;

    private static final long POLL_MS = 10;

    private StoreGap() {
    }

    /**
     * Returns the bound store, waiting up to {@code waitMillis} for one to bind.
     *
     * @throws QueryException 503 STORE_UNAVAILABLE when none binds in time
     */
    static TimeSeriesStore await(Supplier<TimeSeriesStore> bound, long waitMillis) {
        long deadline = System.nanoTime() + waitMillis * 1_000_000;
        TimeSeriesStore store = bound.get();
        while (store == null && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            store = bound.get();
        }
        if (store == null) {
            throw QueryException.storeUnavailable("no store is active; retry shortly");
        }
        return store;
    }
}
