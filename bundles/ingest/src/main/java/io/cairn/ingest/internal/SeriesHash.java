package io.cairn.ingest.internal;

import io.cairn.api.model.Tags;

/**
 * A 64-bit hash of a series (database, measurement and tags) for {@link HyperLogLog}: a multiply-rotate step per
 * four characters of the database and measurement and one per part (with its length, so parts cannot trade
 * characters), then the word-at-a-time hash of the tag set's log encoding (canonical: tags in key order, each
 * string with its length), finished with MurmurHash3's 64-bit mix so that every bit depends on every input
 * character. Allocates nothing but for {@link #of(String, String, Tags)}.
 */
final class SeriesHash {
    /** The state the hash starts from, before the database. */
    private static final long SEED = 0xcbf29ce484222325L;
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    private SeriesHash() {
    }

    /** Returns the hash of a series. */
    static long of(String database, String measurement, Tags tags) {
        return of(prefix(database, measurement), BatchCodec.tagSet(tags));
    }

    /** Returns the part of the hash of a measurement's series that its database and measurement make. */
    static long prefix(String database, String measurement) {
        return text(text(SEED, database), measurement);
    }

    /** Returns the hash of a series from its {@link #prefix} and its tag set's encoding ({@link BatchCodec#tagSet}). */
    static long of(long prefix, byte[] encodedTags) {
        return mix(step(prefix, ByteRangeCache.hash64(encodedTags, 0, encodedTags.length)));
    }

    private static long text(long h, String s) {
        int n = s.length();
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            h = step(h, s.charAt(i) | (long) s.charAt(i + 1) << 16 | (long) s.charAt(i + 2) << 32
                    | (long) s.charAt(i + 3) << 48);
        }
        long tail = 0;
        for (int shift = 0; i < n; i++, shift += 16) {
            tail |= (long) s.charAt(i) << shift;
        }
        return step(step(h, tail), n);
    }

    private static long step(long h, long word) {
        return Long.rotateLeft((h ^ word) * MULTIPLIER, 29);
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
