package io.cairn.store.lmdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
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
                byte[][] missedKeys = new byte[100][];
                long[] missedIds = new long[100];
                int misses = 0;
                for (int s = batch; s < batch + 100; s++) {
                    byte[] key = ("series " + s).getBytes(StandardCharsets.UTF_8);
                    long id = cache.find(key);
                    if (id >= 0) {
                        assertEquals(s, id);
                        hits++;
                    } else {
                        missedKeys[misses] = key;
                        missedIds[misses++] = s;
                    }
                }
                cache.committed(Arrays.copyOf(missedKeys, misses), Arrays.copyOf(missedIds, misses));
            }
        }
        assertEquals(1_000, cache.size());
        assertTrue(hits > 800, "hits in the last cycle of 2,000 series: " + hits);
    }

    @Test
    void aFullCacheTakesOneMissedIdInSixteen() {
        SeriesIdCache cache = new SeriesIdCache(1);
        cache.committed(new byte[][] {{0}}, new long[] {0});
        for (int i = 1; i <= 2 * SeriesIdCache.ADMIT_ONE_IN; i++) {
            cache.committed(new byte[][] {{(byte) i}}, new long[] {i});
        }
        assertEquals(1, cache.size());
        assertEquals(SeriesIdCache.ADMIT_ONE_IN + 1L, cache.find(new byte[] {(byte) (SeriesIdCache.ADMIT_ONE_IN + 1)}));
    }
}
