package io.cairn.ingest.internal;

import io.cairn.ingest.internal.LineProtocolParser.FieldName;
import java.util.Arrays;

/**
 * The field keys of the previous line, in order, as raw bytes with their decoded names: a line whose
 * keys repeat them in the same order (as in most batches) takes the names without a cache lookup, and
 * without looking for duplicate keys when the previous line had none. Not thread safe.
 */
final class RepeatedFieldKeys {
    private byte[][] keys = new byte[16][];
    private int[] lengths = new int[16];
    private FieldName[] names = new FieldName[16];
    private int count;
    private boolean distinct;
    private boolean usable;
    private boolean streak;

    /** Starts a line; until {@link #finish} is called the next line matches nothing. */
    void start() {
        usable = distinct;
        distinct = false;
        streak = true;
    }

    /**
     * Returns the name of the line's {@code k}-th key when it starts at {@code from} with the bytes of the previous
     * line's {@code k}-th key followed by {@code '='} before {@code to}, every key before it repeating the previous
     * line's, whose keys were all distinct; else null, and no later key of the line matches. The key then ends
     * where the previous one did: the same bytes scan the same way up to that {@code '='}.
     */
    FieldName match(int k, byte[] b, int from, int to) {
        if (streak && usable && k < count) {
            int end = from + lengths[k];
            if (end < to && b[end] == '=' && ByteRangeCache.sameBytes(keys[k], 0, b, from, lengths[k])) {
                return names[k];
            }
        }
        streak = false;
        return null;
    }

    /** Returns the length in bytes of the previous line's {@code k}-th key (after a {@link #match}). */
    int length(int k) {
        return lengths[k];
    }

    /** Remembers the line's {@code k}-th key and its name (for a key that did not match). */
    void record(int k, byte[] b, int from, int to, FieldName name) {
        if (k == keys.length) {
            keys = Arrays.copyOf(keys, k * 2);
            lengths = Arrays.copyOf(lengths, k * 2);
            names = Arrays.copyOf(names, k * 2);
        }
        int len = to - from;
        if (keys[k] == null || keys[k].length < len) {
            keys[k] = new byte[Math.max(len, 16)];
        }
        System.arraycopy(b, from, keys[k], 0, len);
        lengths[k] = len;
        names[k] = name;
    }

    /** Ends a line that had {@code keyCount} keys, all different from one another when {@code allDistinct}. */
    void finish(int keyCount, boolean allDistinct) {
        count = keyCount;
        distinct = allDistinct;
    }
}
