package io.cairn.ingest.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Decides whether a bounded cache that starts over empty when full earns its map work: each time it fills, it
 * compares its lookups since it last started over with the entries it had to add, and when fewer than a quarter of
 * the lookups hit (the keys cycle through more entries than it holds, as when every write brings new series) it is
 * closed for sixteen times its size in additions: lookups then miss at once and nothing is added. A large cache
 * counts the lookups and additions of only the keys of one hash value in up to 64 (and sums its closed additions
 * about as rarely), so that threads seldom touch a shared counter. Thread safe; the counts are approximate under
 * concurrent use, which only steers caching.
 */
final class CacheGate {
    private static final int CLOSED_ROUNDS = 16;

    private final int maxEntries;
    private final int sampleMask;
    private final LongAdder lookups = new LongAdder();
    private final LongAdder additions = new LongAdder();
    private final LongAdder closedAdditions = new LongAdder();
    private volatile boolean closed;

    CacheGate(int maxEntries) {
        this.maxEntries = maxEntries;
        this.sampleMask = Integer.highestOneBit(Math.max(1, Math.min(64, maxEntries / 1024))) - 1;
    }

    /** Returns whether lookups may go to the cache now. */
    boolean open() {
        return !closed;
    }

    /** Counts a lookup of a key with this hash. */
    void lookedUp(int hash) {
        if (sampled(hash)) {
            lookups.increment();
        }
    }

    /** Returns whether an addition of a key with this hash may go to the cache; while closed, counts it to reopen. */
    boolean addition(int hash) {
        if (closed) {
            closedAdditions.increment();
            if ((sampleMask == 0 || ThreadLocalRandom.current().nextInt(sampleMask + 1) == 0)
                    && closedAdditions.sum() >= CLOSED_ROUNDS * (long) maxEntries) {
                lookups.reset();
                additions.reset();
                closed = false;
            }
            return false;
        }
        if (sampled(hash)) {
            additions.increment();
        }
        return true;
    }

    private boolean sampled(int hash) {
        return ((hash ^ hash >>> 16) & sampleMask) == 0;
    }

    /** Empties the cache when it is full; returns whether it stays open for an addition. */
    boolean makeRoom(ConcurrentHashMap<?, ?> cache) {
        return cache.size() < maxEntries || startOver(cache);
    }

    private synchronized boolean startOver(ConcurrentHashMap<?, ?> cache) {
        if (cache.size() < maxEntries) {
            return !closed;
        }
        cache.clear();
        long looked = lookups.sumThenReset();
        long added = additions.sumThenReset();
        if ((looked - added) * 4 < looked) {
            closedAdditions.reset();
            closed = true;
        }
        return !closed;
    }
}
