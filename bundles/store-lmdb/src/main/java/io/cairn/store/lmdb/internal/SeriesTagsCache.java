package io.cairn.store.lmdb.internal;

import io.cairn.api.model.Tags;

/**
 * A bounded cache of the decoded tags of committed series by id, so that scans over the same series do not split
 * their keys into new strings every time. Series are never deleted and a committed id keeps its key, so an entry
 * never goes stale; only tags read in read transactions (which see committed series alone) enter. It is
 * direct-mapped: each id has one slot (ids are dense, so series created together do not collide) and a newer series
 * takes it over, with no lock, no boxing and no eviction walk. Entries are immutable, so threads may race on a slot.
 */
final class SeriesTagsCache {
    private record Entry(long id, Tags tags) {
    }

    private final Entry[] slots;
    private final int mask;

    /** A cache of {@code capacity} slots, rounded up to a power of two. */
    SeriesTagsCache(int capacity) {
        int size = capacity <= 1 ? 1 : Integer.highestOneBit(capacity - 1) << 1;
        this.slots = new Entry[size];
        this.mask = size - 1;
    }

    /** Returns the cached tags of a series, or null. */
    Tags get(long seriesId) {
        Entry e = slots[slot(seriesId)];
        return e != null && e.id == seriesId ? e.tags : null;
    }

    /** Caches the tags of a committed series in its slot. */
    void put(long seriesId, Tags seriesTags) {
        slots[slot(seriesId)] = new Entry(seriesId, seriesTags);
    }

    /** Returns how many series the cache can hold. */
    int capacity() {
        return slots.length;
    }

    private int slot(long seriesId) {
        return (int) (seriesId ^ seriesId >>> 32) & mask;
    }
}
