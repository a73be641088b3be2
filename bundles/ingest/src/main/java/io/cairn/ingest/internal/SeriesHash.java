package io.cairn.ingest.internal;

import io.cairn.api.model.Tags;

/**
 * A 64-bit hash of a series (database, measurement and tags) for {@link HyperLogLog}: FNV-1a over the
 * characters with a separator between parts, finished with MurmurHash3's 64-bit mix so that every bit
 * depends on every input character. Allocates nothing.
 */
final class SeriesHash {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private SeriesHash() {
    }

    /** Returns the hash of a series. */
    static long of(String database, String measurement, Tags tags) {
        long h = text(OFFSET, database);
        h = text(h, measurement);
        for (int i = 0; i < tags.size(); i++) {
            h = text(h, tags.key(i));
            h = text(h, tags.value(i));
        }
        return mix(h);
    }

    private static long text(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            h = (h ^ (c & 0xff)) * PRIME;
            h = (h ^ (c >>> 8)) * PRIME;
        }
        return (h ^ 0xffff) * PRIME;
    }

    /** MurmurHash3's fmix64 finaliser. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb53fe185ec99L;
        h ^= h >>> 33;
        return h;
    }
}
