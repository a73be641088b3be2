package io.cairn.ingest.internal;

import io.cairn.api.model.Tags;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out one {@link Tags} instance per distinct tag set across requests, so that the rows of a series
 * written by different requests share it and the buffer, the flusher's merge and the store compare tag sets
 * by identity. Bounded: when full it starts over empty. Thread safe.
 */
final class TagSetInterner {
    private final ConcurrentHashMap<Tags, Tags> sets = new ConcurrentHashMap<>();
    private final int maxEntries;

    TagSetInterner(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** Returns the instance equal to {@code tags} handed out before, or {@code tags} itself. */
    Tags intern(Tags tags) {
        Tags known = sets.get(tags);
        if (known != null) {
            return known;
        }
        if (sets.size() >= maxEntries) {
            sets.clear();
        }
        known = sets.putIfAbsent(tags, tags);
        return known == null ? tags : known;
    }
}
