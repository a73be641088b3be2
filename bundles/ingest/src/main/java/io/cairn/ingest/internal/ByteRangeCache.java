package io.cairn.ingest.internal;

import static io.cairn.ingest.internal.ByteArrayViews.LITTLE_ENDIAN_INTS;
import static io.cairn.ingest.internal.ByteArrayViews.LITTLE_ENDIAN_LONGS;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded map from byte sequences to values, looked up by a range of a buffer without copying:
 * lets the parsers reuse a tag set, field name or string they have already decoded, within a request
 * or, when shared, across requests. When full it starts over empty, so a changing working set is
 * cached again, and it stops caching for a while when the keys cycle through more entries than it holds
 * ({@link CacheGate}). Thread safe.
 */
final class ByteRangeCache<V> {
    private static final class Key {
        final byte[] bytes;
        final int off;
        final int len;
        final int hash;

        Key(byte[] bytes, int off, int len, int hash) {
            this.bytes = bytes;
            this.off = off;
            this.len = len;
            this.hash = hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash
                    && Arrays.equals(bytes, off, off + len, k.bytes, k.off, k.off + k.len);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final ConcurrentHashMap<Key, V> map = new ConcurrentHashMap<>();
    private final CacheGate gate;

    ByteRangeCache(int maxEntries) {
        this.gate = new CacheGate(maxEntries);
    }

    /** Returns the value cached for the bytes, or null. */
    V get(byte[] bytes, int off, int len) {
        if (!gate.open()) {
            return null;
        }
        int hash = hash(bytes, off, len);
        gate.lookedUp(hash);
        return map.get(new Key(bytes, off, len, hash));
    }

    /** Caches a value for a copy of the bytes (unless not caching now), emptying the cache first when it is full. */
    void put(byte[] bytes, int off, int len, V value) {
        int hash = hash(bytes, off, len);
        if (!gate.addition(hash) || !gate.makeRoom(map)) {
            return;
        }
        map.put(new Key(Arrays.copyOfRange(bytes, off, off + len), 0, len, hash), value);
    }

    /** Returns the number of entries (for tests). */
    int size() {
        return map.size();
    }

    /**
     * Returns a 32-bit hash of bytes: hashes sixteen bytes at a time in two independent multiply-rotate lanes (a
     * word each, so long keys such as series keys take half the dependent steps), then eight, the tail as one more
     * word read overlapping the bytes before it (the length is part of the hash, so the overlap loses nothing).
     */
    static int hash(byte[] b, int off, int len) {
        long h = hash64(b, off, len);
        return (int) h ^ (int) (h >>> 32);
    }

    /** Returns the 64-bit hash of which {@link #hash} keeps 32 bits. */
    static long hash64(byte[] b, int off, int len) {
        long h = 0x9E3779B97F4A7C15L ^ len;
        long g = 0x632BE59BD9B4E019L;
        int i = off;
        int end = off + len;
        for (; i + 16 <= end; i += 16) {
            h = Long.rotateLeft((h ^ (long) LITTLE_ENDIAN_LONGS.get(b, i)) * 0xC2B2AE3D27D4EB4FL, 29);
            g = Long.rotateLeft((g ^ (long) LITTLE_ENDIAN_LONGS.get(b, i + 8)) * 0x9FB21C651E98DF25L, 31);
        }
        h += g * 0xFF51AFD7ED558CCDL;
        if (i + 8 <= end) {
            h = Long.rotateLeft((h ^ (long) LITTLE_ENDIAN_LONGS.get(b, i)) * 0xC2B2AE3D27D4EB4FL, 29);
            i += 8;
        }
        if (i < end) {
            long tail;
            if (len >= 8) {
                tail = (long) LITTLE_ENDIAN_LONGS.get(b, end - 8);
            } else if (end - i >= 4) {
                tail = ((int) LITTLE_ENDIAN_INTS.get(b, i) & 0xFFFFFFFFL)
                        | ((long) (int) LITTLE_ENDIAN_INTS.get(b, end - 4) << 32);
            } else {
                tail = (b[i] & 0xFF) | (b[i + ((end - i) >> 1)] & 0xFF) << 8 | (b[end - 1] & 0xFF) << 16;
            }
            h = Long.rotateLeft((h ^ tail) * 0xC2B2AE3D27D4EB4FL, 29);
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        return h ^ h >>> 33;
    }

    /** Returns whether {@code key} holds exactly the {@code len} bytes at {@code off}, comparing a word at a time. */
    static boolean sameBytes(byte[] key, byte[] b, int off, int len) {
        return key.length == len && sameBytes(key, 0, b, off, len);
    }

    /** Returns whether the {@code len} bytes at {@code aOff} of {@code a} and {@code bOff} of {@code b} are equal. */
    static boolean sameBytes(byte[] a, int aOff, byte[] b, int bOff, int len) {
        if (len < 8) {
            for (int i = 0; i < len; i++) {
                if (a[aOff + i] != b[bOff + i]) {
                    return false;
                }
            }
            return true;
        }
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            if ((long) LITTLE_ENDIAN_LONGS.get(a, aOff + i) != (long) LITTLE_ENDIAN_LONGS.get(b, bOff + i)) {
                return false;
            }
        }
        return i == len
                || (long) LITTLE_ENDIAN_LONGS.get(a, aOff + len - 8) == (long) LITTLE_ENDIAN_LONGS.get(b, bOff + len - 8);
    }
}
