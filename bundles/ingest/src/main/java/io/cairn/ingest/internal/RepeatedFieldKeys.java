package io.cairn.ingest.internal;

import io.cairn.ingest.internal.LineFieldSet.FieldName;

/**
 * The field keys of the previous line, in order, as raw bytes with their decoded names: a line whose
 * keys repeat them in the same order (as in most batches) takes the names without a cache lookup, and
 * without looking for duplicate keys when the previous line had none. Not thread safe.
 */
final class RepeatedFieldKeys {
    private final PreviousLineKeys<FieldName> keys = new PreviousLineKeys<>();
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
            int end = from + keys.length(k);
            if (end < to && b[end] == '=' && keys.startsWith(k, b, from)) {
                return keys.value(k);
            }
        }
        streak = false;
        return null;
    }

    /** Returns the length in bytes of the previous line's {@code k}-th key (after a {@link #match}). */
    int length(int k) {
        return keys.length(k);
    }

    /** Remembers the line's {@code k}-th key and its name (for a key that did not match). */
    void record(int k, byte[] b, int from, int to, FieldName name) {
        keys.record(k, b, from, to, name);
    }

    /** Ends a line that had {@code keyCount} keys, all different from one another when {@code allDistinct}. */
    void finish(int keyCount, boolean allDistinct) {
        count = keyCount;
        distinct = allDistinct;
    }
}
