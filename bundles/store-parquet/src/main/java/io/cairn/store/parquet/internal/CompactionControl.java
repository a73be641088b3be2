package io.cairn.store.parquet.internal;

import java.util.List;
import java.util.Map;

/** What the compaction endpoint asks of the Parquet store (a service private to this bundle). */
interface CompactionControl {
    /** Returns files per partition, pending work and the last runs. */
    Map<String, Object> compactionStatus();

    /** Compacts every partition with two files or more now and returns what was done. */
    List<CompactionRun> compactNow();
}
