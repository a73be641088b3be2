package io.cairn.ingest.internal;

import java.util.Arrays;

/**
 * The raw bytes of keys met at each position of earlier lines with what each decoded to, so that a key whose bytes
 * repeat those at its position reuses the decoded value instead of decoding them again. Not thread safe.
 *
 * @param <T> what a key decodes to
 */
final class PreviousLineKeys<T> {
    private byte[][] keys = new byte[16][];
    private int[] lengths = new int[16];
    private Object[] values = new Object[16];
    private int count;

    /** Returns the number of positions remembered: one more than the largest {@code k} recorded. */
    int count() {
        return count;
    }

    /** Returns the length in bytes of the key remembered at position {@code k} (below {@link #count}). */
    int length(int k) {
        return lengths[k];
    }

    /** Returns whether the bytes from {@code from} start with the key remembered at position {@code k}. */
    boolean startsWith(int k, byte[] b, int from) {
        return ByteRangeCache.sameBytes(keys[k], 0, b, from, lengths[k]);
    }

    /** Returns what the key remembered at position {@code k} decoded to. */
    @SuppressWarnings("unchecked")
    T value(int k) {
        return (T) values[k];
    }

    /** Remembers the key {@code [from, to)} at position {@code k} and what it decoded to. */
    void record(int k, byte[] b, int from, int to, T value) {
        if (k == keys.length) {
            keys = Arrays.copyOf(keys, k * 2);
            lengths = Arrays.copyOf(lengths, k * 2);
            values = Arrays.copyOf(values, k * 2);
        }
        int len = to - from;
        if (keys[k] == null || keys[k].length < len) {
            keys[k] = new byte[Math.max(len, 16)];
        }
        System.arraycopy(b, from, keys[k], 0, len);
        lengths[k] = len;
        values[k] = value;
        count = Math.max(count, k + 1);
    }
}
