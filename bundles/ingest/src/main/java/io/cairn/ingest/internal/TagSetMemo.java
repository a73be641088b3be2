package io.cairn.ingest.internal;

import io.cairn.api.model.Tags;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A value computed from a tag set, remembered across requests: the parsers hand out one {@link Tags} instance
 * per series, so a series written again finds its value by identity instead of going over its strings.
 * Bounded: when full it starts over empty. Thread safe.
 *
 * @param <V> the remembered value
 */
final class TagSetMemo<V> {
    private final ConcurrentHashMap<Tags, V> values = new ConcurrentHashMap<>();
    private final int maxEntries;

    TagSetMemo(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** Returns the value remembered for a tag set, or null. */
    V get(Tags tags) {
        return values.get(tags);
    }

    /** Remembers a value for a tag set. */
    void put(Tags tags, V value) {
        if (values.size() >= maxEntries) {
            values.clear();
        }
        values.put(tags, value);
    }

    /** Returns the number of values remembered (for tests). */
    int size() {
        return values.size();
    }
}
