package io.cairn.ingest.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A bounded map from byte sequences to values, looked up by a range of a buffer without copying:
 * lets the line protocol parser reuse a tag set or field name it has already decoded. Not thread safe.
 */
final class ByteRangeCache<V> {
    private static final class Key {
        byte[] bytes;
        int off;
        int len;
        int hash;

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

    private final Map<Key, V> map = new HashMap<>();
    private final Key probe = new Key();
    private final int maxEntries;

    ByteRangeCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** Returns the value cached for the bytes, or null. */
    V get(byte[] bytes, int off, int len) {
        probe.bytes = bytes;
        probe.off = off;
        probe.len = len;
        probe.hash = hash(bytes, off, len);
        V v = map.get(probe);
        probe.bytes = null;
        return v;
    }

    /** Caches a value for a copy of the bytes, unless the cache is full. */
    void put(byte[] bytes, int off, int len, V value) {
        if (map.size() >= maxEntries) {
            return;
        }
        Key k = new Key();
        k.bytes = Arrays.copyOfRange(bytes, off, off + len);
        k.len = len;
        k.hash = hash(bytes, off, len);
        map.put(k, value);
    }

    private static int hash(byte[] b, int off, int len) {
        int h = 1;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + b[i];
        }
        return h;
    }
}
