package io.cairn.api.store;

import java.util.Iterator;
import java.util.List;

/**
 * The result of a scan, read batch by batch. A cursor holds store resources (a read
 * transaction, open files) until closed; it is used by one thread at a time.
 */
public interface ScanCursor extends AutoCloseable {
    /** Returns the next batch, or null when the result is exhausted. */
    SeriesBatch next();

    /** Releases the cursor's resources; further calls to next return null. */
    @Override
    void close();

    /** Returns a cursor over batches already computed, such as an aggregation's result. */
    static ScanCursor of(List<SeriesBatch> batches) {
        Iterator<SeriesBatch> all = List.copyOf(batches).iterator();
        return new ScanCursor() {
            private boolean closed;

            @Override
            public SeriesBatch next() {
                return !closed && all.hasNext() ? all.next() : null;
            }

            @Override
            public void close() {
                closed = true;
            }
        };
    }
}
