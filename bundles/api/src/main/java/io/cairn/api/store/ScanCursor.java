package io.cairn.api.store;

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
}
