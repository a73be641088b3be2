package io.cairn.ingest.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Values remembered across requests by key: e.g. a tag set's WAL encoding (the parsers hand out
 * one {@link io.cairn.api.model.Tags} instance per series, so a series written again finds it at once), or the
 * checked tag set of a MessagePack row's tag column names and values. Bounded: when full it starts over empty,
 * and stops caching for a while when its keys cycle through more entries than it holds ({@link CacheGate}).
 * Thread safe.
 *
 * @param <K> the key, unchanged once remembered
 * @param <V> the remembered value
 */
final class BoundedMemo<K, V> {
    private final ConcurrentHashMap<K, V> values = new ConcurrentHashMap<>();
    private final CacheGate gate;

    BoundedMemo(int maxEntries) {
        this.gate = new CacheGate(maxEntries);
    }

    /** Returns the value remembered for a key, or null. */
    V get(K key) {
        if (!gate.open()) {
            return null;
        }
        gate.lookedUp(key.hashCode());
        return values.get(key);
    }

    /** Remembers a value for a key (unless the memo is not caching now). */
    void put(K key, V value) {
        if (!gate.addition(key.hashCode()) || !gate.makeRoom(values)) {
            return;
        }
        values.put(key, value);
    }

    /** Returns the number of values remembered (for tests). */
    int size() {
        return values.size();
    }
}
