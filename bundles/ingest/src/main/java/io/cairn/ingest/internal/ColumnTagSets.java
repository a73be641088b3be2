package io.cairn.ingest.internal;

import io.cairn.api.model.Tags;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, across MessagePack requests, the checked and interned tag set of a row's tag column names and
 * values, so that a series written before is neither checked nor built again. Bounded: when full it starts
 * over empty. Thread safe.
 */
final class ColumnTagSets {
    private final ConcurrentHashMap<TagValuesKey, Tags> sets = new ConcurrentHashMap<>();
    private final int maxEntries;

    ColumnTagSets(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** Returns the tag set remembered for the names and values, or null. */
    Tags get(TagValuesKey namesAndValues) {
        return sets.get(namesAndValues);
    }

    /** Remembers a tag set; the key must not change afterwards. */
    void put(TagValuesKey namesAndValues, Tags tags) {
        if (sets.size() >= maxEntries) {
            sets.clear();
        }
        sets.put(namesAndValues, tags);
    }
}
