package io.cairn.store.lmdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cairn.api.model.Tags;
import org.junit.jupiter.api.Test;

/** The tags cache answers the tags put for an id, holds at most its capacity and a newer id takes over a slot. */
class SeriesTagsCacheTest {
    @Test
    void keepsDenseIdsUpToItsCapacityAndReplacesOnCollision() {
        SeriesTagsCache cache = new SeriesTagsCache(4);
        assertEquals(4, cache.capacity());
        for (long id = 1; id <= 4; id++) {
            cache.put(id, Tags.of("host", "h" + id));
        }
        for (long id = 1; id <= 4; id++) {
            assertEquals(Tags.of("host", "h" + id), cache.get(id));
        }
        assertNull(cache.get(9));
        cache.put(5, Tags.of("host", "h5"));
        assertEquals(Tags.of("host", "h5"), cache.get(5));
        assertNull(cache.get(1), "id 5 took over the slot of id 1");
        assertEquals(Tags.of("host", "h2"), cache.get(2));
    }

    @Test
    void roundsItsCapacityUpToAPowerOfTwo() {
        assertEquals(16_384, new SeriesTagsCache(10_000).capacity());
        assertEquals(1, new SeriesTagsCache(1).capacity());
    }
}
