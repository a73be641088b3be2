package io.cairn.ingest.internal;

/** When the write-ahead log forces its records to disk. */
enum FsyncPolicy {
    /** One fsync per record, before that record's writer is acknowledged. */
    EVERY_WRITE,
    /**
     * One fsync for all records queued since the last one, at most once per group-commit interval:
     * a record arriving after a quiet interval is synced at once, under load records wait for the
     * interval to end and share its fsync.
     */
    GROUP;

    /** Returns the policy of a configuration value: {@code every_write}, else group commit. */
    static FsyncPolicy of(String value) {
        return "every_write".equalsIgnoreCase(value == null ? "" : value.trim()) ? EVERY_WRITE : GROUP;
    }
}
