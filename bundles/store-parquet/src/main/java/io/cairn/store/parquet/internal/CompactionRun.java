package io.cairn.store.parquet.internal;

/**
 * What one compaction (or retention rewrite) of a partition did.
 *
 * @param partition the partition folder, relative to the store's root
 * @param startedAtMillis when it started, milliseconds since the epoch
 * @param millis how long it took
 * @param filesIn files merged
 * @param filesOut files written
 * @param rowsIn rows read
 * @param rowsOut rows written (duplicates and retention cut the difference)
 * @param error null, or why it failed
 */
record CompactionRun(String partition, long startedAtMillis, long millis, int filesIn, int filesOut, long rowsIn,
        long rowsOut, String error) {
}
