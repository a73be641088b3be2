package io.cairn.ingest.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Values remembered across requests by key: e.g. a tag set's WAL encoding or series hash (the parsers hand out
 * one {@link io.cairn.api.model.Tags} instance per series, so a series written again finds them at once), or the
 * checked tag set of a MessagePack row's tag column names and values. Bounded: when full it starts over empty.
 * Thread safe.
 *
 * @param <K> the key, unchanged once remembered
 * @param <V> the remembered value
 */
final class BoundedMemo<K, V> {
    private final ConcurrentHashMap<K, V> values = new ConcurrentHashMap<>();
    private final int maxEntries;

    BoundedMemo(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** Returns the value remembered for a key, or null. */
    V get(K key) {
        return values.get(key);
    }

    /** Remembers a value for a key. */
    void put(K key, V value) {
        if (values.size() >= maxEntries) {
            values.clear();
        }
        values.put(key, value);
    }

    /** Returns the number of values remembered (for tests). */
    int size() {
        return values.size();
    }
}
