package io.cairn.store.lmdb.internal;

import io.cairn.api.model.FieldType;
import java.util.Arrays;

/**
 * Arrays that one scan reuses from block to block instead of allocating them per chunk: decoded points per slot,
 * row times and presence bits. Whatever a scan hands out must not share them; used by the scan's one thread.
 */
final class ScanBuffers {
    private ChunkPoints[] points = new ChunkPoints[0];
    private long[] times = new long[0];
    private long[] words = new long[0];

    /** Returns points of a type with room for {@code capacity}, for slot {@code slot}, until the next call for it. */
    ChunkPoints points(int slot, FieldType type, int capacity) {
        if (slot >= points.length) {
            points = Arrays.copyOf(points, slot + 1);
        }
        ChunkPoints p = points[slot];
        if (p == null || p.type != type || p.size < capacity) {
            p = ChunkPoints.allocate(type, Math.max(capacity, p == null ? 0 : p.size * 2));
            points[slot] = p;
        }
        return p;
    }

    /** Returns an array of at least {@code capacity} times, until the next call. */
    long[] times(int capacity) {
        if (times.length < capacity) {
            times = new long[Math.max(capacity, times.length * 2)];
        }
        return times;
    }

    /** Returns words holding at least {@code bits} bits, all zero, until the next call. */
    long[] words(int bits) {
        int n = (bits + 63) >>> 6;
        if (words.length < n) {
            words = new long[Math.max(n, words.length * 2)];
        } else {
            Arrays.fill(words, 0, n, 0L);
        }
        return words;
    }
}
