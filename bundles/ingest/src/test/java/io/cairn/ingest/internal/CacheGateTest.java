package io.cairn.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bounded caches stop caching while their keys cycle through more entries than they hold, and start again. */
class CacheGateTest {
    /** Looks a key up and adds it on a miss, as the callers do; returns whether it hit. */
    private static boolean use(BoundedMemo<Integer, String> memo, int key) {
        if (memo.get(key) != null) {
            return true;
        }
        memo.put(key, "v" + key);
        return false;
    }

    @Test
    void aWorkingSetThatFitsIsCachedForGood() {
        BoundedMemo<Integer, String> memo = new BoundedMemo<>(100);
        int hits = 0;
        for (int i = 0; i < 10_000; i++) {
            hits += use(memo, i % 80) ? 1 : 0;
        }
        assertEquals(10_000 - 80, hits);
        assertEquals(80, memo.size());
    }

    @Test
    void keysCyclingThroughMoreThanItHoldsCloseItThenItReopens() {
        BoundedMemo<Integer, String> memo = new BoundedMemo<>(100);
        for (int i = 0; i < 101; i++) {
            use(memo, i);
        }
        assertEquals(0, memo.size(), "emptied when full, and closed: the 101st key is not kept");
        assertNull(memo.get(0));
        for (int i = 0; i < 1600; i++) {
            assertFalse(use(memo, 7));
        }
        assertEquals(0, memo.size(), "nothing cached while closed, even a key used again and again");
        assertFalse(use(memo, 7), "open again after sixteen times its size in misses");
        assertTrue(use(memo, 7));
        assertEquals(1, memo.size());
    }

    @Test
    void aCacheThatStillHitsOftenEnoughStaysOpenWhenItStartsOver() {
        BoundedMemo<Integer, String> memo = new BoundedMemo<>(100);
        for (int i = 0; i < 100; i++) {
            use(memo, i);
            use(memo, i);
        }
        use(memo, 1000);
        assertEquals(1, memo.size(), "half the lookups hit: emptied, and the new key kept");
        assertTrue(use(memo, 1000));
    }

    @Test
    void aLargeCacheJudgesBySampledKeysTheSameWay() {
        BoundedMemo<Integer, String> cycling = new BoundedMemo<>(8192);
        for (int i = 0; i <= 8192; i++) {
            use(cycling, i);
        }
        assertEquals(0, cycling.size());
        assertFalse(use(cycling, 1));
        BoundedMemo<Integer, String> repeating = new BoundedMemo<>(8192);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4096; i++) {
                use(repeating, round * 2048 + i);
            }
        }
        assertEquals(8192, repeating.size());
        use(repeating, 100_000);
        assertEquals(1, repeating.size(), "a third of the lookups hit: emptied when full, and kept caching");
        assertTrue(use(repeating, 100_000));
    }

    @Test
    void byteRangeCachesCloseTheSameWay() {
        ByteRangeCache<String> cache = new ByteRangeCache<>(10);
        for (int i = 0; i < 11; i++) {
            byte[] key = ("key" + i).getBytes(StandardCharsets.US_ASCII);
            assertNull(cache.get(key, 0, key.length));
            cache.put(key, 0, key.length, "v" + i);
        }
        byte[] key = "key0".getBytes(StandardCharsets.US_ASCII);
        cache.put(key, 0, key.length, "v0");
        assertNull(cache.get(key, 0, key.length));
        assertEquals(0, cache.size());
    }
}
