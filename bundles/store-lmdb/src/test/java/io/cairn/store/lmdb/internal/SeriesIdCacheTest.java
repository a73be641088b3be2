package io.cairn.store.lmdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.Tags;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The series id cache under writes that cycle through more series than it holds, as every 10 s scrape does. */
class SeriesIdCacheTest {
    @Test
    void writesCyclingThroughTwiceItsCapacityStillHitAboutHalfTheTime() {
        SeriesIdCache cache = new SeriesIdCache(1_000);
        int hits = 0;
        for (int cycle = 0; cycle < 30; cycle++) {
            hits = 0;
            for (int batch = 0; batch < 2_000; batch += 100) {
                Tags[] missedTags = new Tags[100];
                long[] missedIds = new long[100];
                int misses = 0;
                for (int s = batch; s < batch + 100; s++) {
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
        }
        assertEquals(1_000, cache.size());
        assertTrue(hits > 800, "hits in the last cycle of 2,000 series: " + hits);
    }

    @Test
    void aFullCacheTakesOneMissedIdInSixteen() {
        SeriesIdCache cache = new SeriesIdCache(1);
        commit(cache, new Tags[] {Tags.of("n", "0")}, new long[] {0});
        for (int i = 1; i <= 2 * SeriesIdCache.ADMIT_ONE_IN; i++) {
            commit(cache, new Tags[] {Tags.of("n", String.valueOf(i))}, new long[] {i});
        }
        assertEquals(1, cache.size());
        assertEquals(SeriesIdCache.ADMIT_ONE_IN + 1L,
                find(cache, Tags.of("n", String.valueOf(SeriesIdCache.ADMIT_ONE_IN + 1))));
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
