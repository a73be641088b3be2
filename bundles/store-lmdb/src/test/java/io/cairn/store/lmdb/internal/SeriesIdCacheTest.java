package io.cairn.store.lmdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.Tags;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The series id cache under writes that cycle through its series, as every 10 s scrape does, and its bound. */
class SeriesIdCacheTest {
    @Test
    void seriesWithinItsCapacityAllHitFromTheirSecondCycleOn() {
        SeriesIdCache cache = new SeriesIdCache(1_000);
        assertEquals(0, cycle(cache, 0, 900));
        for (int c = 0; c < 5; c++) {
            assertEquals(900, cycle(cache, 0, 900));
        }
    }

    @Test
    void writesCyclingThroughTwiceItsCapacityKeepHittingTheShareItHolds() {
        SeriesIdCache cache = new SeriesIdCache(1_000);
        int hits = 0;
        for (int c = 0; c < 30; c++) {
            hits += cycle(cache, 0, 2_000);
        }
        assertEquals(1_000, cache.size());
        assertTrue(hits > 30 * 2_000 * 0.35, "hits of 60,000 lookups: " + hits);
    }

    @Test
    void aFullCacheThatKeepsMissingIsClearedAndLearnsTheSeriesWrittenNow() {
        SeriesIdCache cache = new SeriesIdCache(100);
        cycle(cache, 0, 150);
        assertEquals(100, cycle(cache, 0, 100));
        int cycles = 0;
        while (cycle(cache, 1_000, 1_100) < 100) {
            cycles++;
            assertTrue(cycles <= SeriesIdCache.MISSES_BEFORE_CLEARING + 1, "still missing after " + cycles + " cycles");
        }
        assertEquals(0, cycle(cache, 0, 1), "series no longer written aged out");
    }

    @Test
    void itsArraysNeverTakeMoreThanItsBoundWhateverIsWritten() {
        int capacity = 5_000;
        SeriesIdCache cache = new SeriesIdCache(capacity);
        cycle(cache, 0, 50_000);
        assertEquals(capacity, cache.size());
        assertTrue(cache.heapBytes() <= capacity * (SeriesIdCache.BYTES_PER_ENTRY + 16L), "bytes " + cache.heapBytes());
        SeriesIdCache longKeys = new SeriesIdCache(capacity);
        Tags[] tags = new Tags[capacity];
        long[] ids = new long[capacity];
        for (int s = 0; s < capacity; s++) {
            tags[s] = Tags.of("series", s + "-" + "x".repeat(400));
            ids[s] = s;
        }
        commit(longKeys, tags, ids);
        assertTrue(longKeys.size() < capacity / 3, "long keys fill its bytes first: " + longKeys.size());
        assertTrue(longKeys.heapBytes() <= capacity * (SeriesIdCache.BYTES_PER_ENTRY + 16L));
        assertEquals(0, find(longKeys, tags[0]));
        assertEquals(longKeys.size() - 1, find(longKeys, tags[longKeys.size() - 1]));
    }

    /** Looks up series {@code from..to} of one measurement, commits the missed ones, and returns the hits. */
    private static int cycle(SeriesIdCache cache, int from, int to) {
        int hits = 0;
        for (int batch = from; batch < to; batch += 100) {
            int end = Math.min(to, batch + 100);
            Tags[] missedTags = new Tags[end - batch];
            long[] missedIds = new long[end - batch];
            int misses = 0;
            for (int s = batch; s < end; s++) {
                Tags tags = Tags.of("series", String.valueOf(s));
                long id = find(cache, tags);
                if (id >= 0) {
                    assertEquals(s, id);
                    hits++;
                } else {
                    missedTags[misses] = tags;
                    missedIds[misses++] = s;
                }
            }
            commit(cache, Arrays.copyOf(missedTags, misses), Arrays.copyOf(missedIds, misses));
        }
        return hits;
    }

    @Test
    void seriesAreFoundByEqualNamesOnlyWhateverTheirCharactersAndLength() {
        String longValue = "v".repeat(600);
        Tags[] tags = {Tags.EMPTY, Tags.of("host", "a"), Tags.of("host", "ä"), Tags.of("région", "a"),
            Tags.of("host", longValue), Tags.of("host", longValue + "w"), Tags.of("host", "a", "rack", "1")};
        SeriesIdCache cache = new SeriesIdCache(100);
        long[] ids = new long[tags.length];
        Arrays.setAll(ids, i -> 100 + i);
        commit(cache, tags, ids);
        for (int i = 0; i < tags.length; i++) {
            Tags copy = tags[i].size() == 0 ? Tags.EMPTY : Tags.of(tags[i].toMap());
            assertEquals(100 + i, find(cache, copy), copy.toString());
        }
        assertEquals(-1, find(cache, Tags.of("host", "b")));
        assertEquals(-1, find(cache, Tags.of("host", "ü")));
        assertEquals(-1, find(cache, Tags.of("host", longValue + "x")));
        assertEquals(-1, cache.find("db", "other", Tags.of("host", "a")));
        assertEquals(-1, cache.find("db2", "m", Tags.of("host", "a")));
    }

    /** Commits series of measurement m of database db, as a write whose cache lookups missed does. */
    static void commit(SeriesIdCache cache, Tags[] tags, long[] ids) {
        byte[][] keys = new byte[tags.length][];
        for (int i = 0; i < tags.length; i++) {
            keys[i] = Keys.seriesKey("db", "m", tags[i]);
        }
        cache.committed("db", "m", tags, keys, ids);
    }

    static long find(SeriesIdCache cache, Tags tags) {
        return cache.find("db", "m", tags);
    }
}
