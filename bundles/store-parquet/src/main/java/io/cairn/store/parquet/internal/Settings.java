package io.cairn.store.parquet.internal;

import java.util.Locale;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The Parquet store's tunables, as plain values.
 *
 * @param codec the compression of new files
 * @param targetFileBytes the size at which compaction starts another file
 * @param compactionIntervalSeconds how often background compaction looks for work; 0 turns it off
 * @param compactionMinFiles files that make a partition of the current hour due for compaction
 */
record Settings(CompressionCodecName codec, long targetFileBytes, long compactionIntervalSeconds,
        int compactionMinFiles) {
    static Settings defaults() {
        return new Settings(CompressionCodecName.ZSTD, 512L << 20, 60, 16);
    }

    /** Reads a codec name (ZSTD, SNAPPY, GZIP, UNCOMPRESSED), case-insensitive. */
    static CompressionCodecName codec(String name) {
        CompressionCodecName codec = CompressionCodecName.valueOf(name.trim().toUpperCase(Locale.ROOT));
        if (codec != CompressionCodecName.ZSTD && codec != CompressionCodecName.SNAPPY
                && codec != CompressionCodecName.GZIP && codec != CompressionCodecName.UNCOMPRESSED) {
            throw new IllegalArgumentException("unsupported compression " + name);
        }
        return codec;
    }
}
