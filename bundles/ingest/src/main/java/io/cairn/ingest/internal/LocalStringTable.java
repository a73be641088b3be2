package io.cairn.ingest.internal;

import static io.cairn.ingest.internal.ByteArrayViews.LITTLE_ENDIAN_INTS;
import static io.cairn.ingest.internal.ByteArrayViews.LITTLE_ENDIAN_LONGS;

import java.util.Arrays;

/**
 * The strings one reader has met, by their bytes: open-addressing tables in front of a shared
 * {@link ByteRangeCache}, so that a value repeated within a payload is found without allocating or touching
 * shared state, while the Strings it hands out are still the shared cache's instances. A string of up to 16
 * bytes (most tag values) is keyed by its length and two words that together hold all of its bytes, so it is
 * found without hashing or comparing byte by byte. Not thread safe.
 */
final class LocalStringTable {
    private static final int SHORT = 16;
    /** Longest string kept in the shared cache: tag values and names, not long field texts kept after the request. */
    static final int MAX_SHARED = 256;

    private final ByteRangeCache<String> shared;
    private long[] firstWords = new long[256];
    private long[] lastWords = new long[256];
    /** The length plus one of each short string; 0 marks a free slot. */
    private int[] shortLengths = new int[256];
    private String[] shortValues = new String[256];
    private int shortSize;
    private byte[][] keys = new byte[16][];
    private int[] hashes = new int[16];
    private String[] values = new String[16];
    private int size;

    LocalStringTable(ByteRangeCache<String> shared) {
        this.shared = shared;
    }

    /** Returns the String of the bytes if known here or to the shared cache, else null. */
    String get(byte[] bytes, int off, int len) {
        String s = len <= SHORT ? getShort(bytes, off, len) : getLong(bytes, off, len);
        if (s == null) {
            s = shared.get(bytes, off, len);
            if (s != null) {
                add(bytes, off, len, s);
            }
        }
        return s;
    }

    /** Adds a newly decoded String here and, up to {@link #MAX_SHARED} bytes, to the shared cache. */
    void put(byte[] bytes, int off, int len, String s) {
        if (len <= MAX_SHARED) {
            shared.put(bytes, off, len, s);
        }
        add(bytes, off, len, s);
    }

    private void add(byte[] bytes, int off, int len, String s) {
        if (len <= SHORT) {
            addShort(first(bytes, off, len), last(bytes, off, len), len + 1, s);
        } else {
            addLong(Arrays.copyOfRange(bytes, off, off + len), ByteRangeCache.hash(bytes, off, len), s);
        }
    }

    /** The first word of a short string: with {@link #last} and the length, all of its bytes. */
    private static long first(byte[] b, int off, int len) {
        if (len >= 8) {
            return (long) LITTLE_ENDIAN_LONGS.get(b, off);
        }
        if (len >= 4) {
            return ((int) LITTLE_ENDIAN_INTS.get(b, off) & 0xFFFFFFFFL)
                    | ((long) (int) LITTLE_ENDIAN_INTS.get(b, off + len - 4) << 32);
        }
        return len == 0 ? 0 : (b[off] & 0xFF) | (b[off + (len >> 1)] & 0xFF) << 8 | (b[off + len - 1] & 0xFF) << 16;
    }

    private static long last(byte[] b, int off, int len) {
        return len > 8 ? (long) LITTLE_ENDIAN_LONGS.get(b, off + len - 8) : 0;
    }

    /** Mixes every bit of the key into the low bits (MurmurHash3's finaliser over the words and length). */
    private static int slot(long first, long last, int lengthPlusOne) {
        long h = first ^ Long.rotateLeft(last * 0x9E3779B97F4A7C15L, 32) ^ lengthPlusOne;
        h = SeriesHash.mix(h);
        return (int) h;
    }

    private String getShort(byte[] bytes, int off, int len) {
        long first = first(bytes, off, len);
        long last = last(bytes, off, len);
        int mask = shortLengths.length - 1;
        for (int i = slot(first, last, len + 1) & mask;; i = (i + 1) & mask) {
            int l = shortLengths[i];
            if (l == 0) {
                return null;
            }
            if (l == len + 1 && firstWords[i] == first && lastWords[i] == last) {
                return shortValues[i];
            }
        }
    }

    private void addShort(long first, long last, int lengthPlusOne, String s) {
        if (2 * (shortSize + 1) > shortLengths.length) {
            growShort();
        }
        int mask = shortLengths.length - 1;
        int i = slot(first, last, lengthPlusOne) & mask;
        while (shortLengths[i] != 0) {
            i = (i + 1) & mask;
        }
        firstWords[i] = first;
        lastWords[i] = last;
        shortLengths[i] = lengthPlusOne;
        shortValues[i] = s;
        shortSize++;
    }

    private void growShort() {
        long[] oldFirst = firstWords;
        long[] oldLast = lastWords;
        int[] oldLengths = shortLengths;
        String[] oldValues = shortValues;
        firstWords = new long[oldLengths.length * 2];
        lastWords = new long[firstWords.length];
        shortLengths = new int[firstWords.length];
        shortValues = new String[firstWords.length];
        shortSize = 0;
        for (int i = 0; i < oldLengths.length; i++) {
            if (oldLengths[i] != 0) {
                addShort(oldFirst[i], oldLast[i], oldLengths[i], oldValues[i]);
            }
        }
    }

    private String getLong(byte[] bytes, int off, int len) {
        int hash = ByteRangeCache.hash(bytes, off, len);
        int mask = keys.length - 1;
        for (int i = hash & mask;; i = (i + 1) & mask) {
            byte[] k = keys[i];
            if (k == null) {
                return null;
            }
            if (hashes[i] == hash && ByteRangeCache.sameBytes(k, bytes, off, len)) {
                return values[i];
            }
        }
    }

    private void addLong(byte[] key, int hash, String s) {
        if (2 * (size + 1) > keys.length) {
            byte[][] oldKeys = keys;
            int[] oldHashes = hashes;
            String[] oldValues = values;
            keys = new byte[oldKeys.length * 2][];
            hashes = new int[keys.length];
            values = new String[keys.length];
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != null) {
                    addLong(oldKeys[i], oldHashes[i], oldValues[i]);
                }
            }
        }
        int mask = keys.length - 1;
        int i = hash & mask;
        while (keys[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        hashes[i] = hash;
        values[i] = s;
        size++;
    }
}
