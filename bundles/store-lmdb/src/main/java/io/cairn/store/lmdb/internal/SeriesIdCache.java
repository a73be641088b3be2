package io.cairn.store.lmdb.internal;

import io.cairn.api.model.Tags;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A bounded cache of the ids of committed series, keyed by their series keys ({@link Keys#seriesKey}) and looked
 * up by their names (a hash of the names' own hashes, then a comparison of the names with the cached key bytes in
 * place), so that writes of known series build no key and skip the index lookup. Ids enter only after the
 * transaction that resolved them committed (an aborted one may have created ids that do not exist); series are
 * never deleted, so an entry never goes stale. A miss falls back to LMDB.
 *
 * <p>The entries are kept in a few large arrays rather than as objects, so that a million of them cost the garbage
 * collector next to nothing: an open-addressing table of {@code long}s (the hash and where the entry is) and slabs
 * of bytes holding each key and its id. Memory grows with the entries up to about {@value #BYTES_PER_ENTRY} bytes
 * per entry of capacity (longer keys fill it sooner) and never past it. A full cache admits nothing: writes that cycle
 * through more series than it holds (every series every 10 s) keep hitting the share it holds, where a cache that
 * evicts on every miss would evict each id just before its next use. Once a full cache has missed
 * {@value #MISSES_BEFORE_CLEARING} times its capacity it is cleared and fills again with the series written now, so
 * series no longer written age out.
 */
final class SeriesIdCache {
    /**
     * Heap bytes per entry of capacity: its table slots (16 bytes at half load; up to 32 where the table, a power of
     * two, is a quarter full) and its key and id (112).
     */
    static final int BYTES_PER_ENTRY = 128;
    /** A full cache is cleared after this many times its capacity of misses. */
    static final int MISSES_BEFORE_CLEARING = 4;
    private static final int KEY_AND_ID_BYTES = BYTES_PER_ENTRY - 16;
    private static final int SLAB_SHIFT = 20;
    /** A slab just under 1 MiB, so that where G1's regions are 1 MiB it takes one region and is never copied. */
    private static final int SLAB_BYTES = (1 << SLAB_SHIFT) - 64;
    private static final int MAX_CAPACITY = 16 << 20;
    private static final int MIN_TABLE = 1 << 10;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    private final int capacity;
    private final int slabBytes;
    private final long slabBudget;
    /** 0 for an empty slot, else the entry's hash in the high half and its position + 1 in the low half. */
    private long[] table;
    private byte[][] slabs = new byte[0][];
    private int slabsUsed;
    private int top;
    private int size;
    private boolean full;
    private long missesWhileFull;

    /** Creates a cache of at most {@code capacity} entries (0: no cache). */
    SeriesIdCache(int capacity) {
        this.capacity = Math.min(MAX_CAPACITY, Math.max(0, capacity));
        long budget = (long) this.capacity * KEY_AND_ID_BYTES;
        this.slabBytes = (int) Math.min(SLAB_BYTES, Math.max(1 << 10, budget));
        this.slabBudget = Math.max(1, budget / slabBytes);
        this.table = new long[MIN_TABLE];
    }

    /** Returns the capacity that takes about an eighth of the heap the JVM may grow to. */
    static int capacityForHeap(long maxHeapBytes) {
        return (int) Math.min(MAX_CAPACITY, maxHeapBytes / 8 / BYTES_PER_ENTRY);
    }

    /** Returns the hash a series is cached under: of its names, whose strings keep their own hashes. */
    static int hash(String db, String measurement, Tags tags) {
        return (31 * db.hashCode() + measurement.hashCode()) * 31 + tags.hashCode();
    }

    /** Returns the id of a committed series, or -1 when it is not cached. */
    synchronized long find(String db, String measurement, Tags tags) {
        int hash = hash(db, measurement, tags);
        long[] t = table;
        int mask = t.length - 1;
        for (int i = home(hash, mask); t[i] != 0; i = (i + 1) & mask) {
            if ((int) (t[i] >>> 32) == hash) {
                int at = (int) t[i] - 1;
                byte[] slab = slabs[at >>> SLAB_SHIFT];
                int from = (at & ((1 << SLAB_SHIFT) - 1)) + Short.BYTES;
                int to = from + (short) SHORTS.get(slab, from - Short.BYTES);
                if (Keys.isSeriesKeyOf(slab, from, to, db, measurement, tags)) {
                    return (long) LONGS.get(slab, to);
                }
            }
        }
        if (full) {
            missesWhileFull++;
        }
        return -1;
    }

    /**
     * Remembers series of a measurement that missed the cache (tags, series keys and ids, index for index) once
     * the transaction that resolved their ids committed; a full cache takes none, or is cleared first once it has
     * missed {@value #MISSES_BEFORE_CLEARING} times its capacity.
     */
    synchronized void committed(String db, String measurement, Tags[] tags, byte[][] seriesKeys, long[] seriesIds) {
        if (full && missesWhileFull >= (long) MISSES_BEFORE_CLEARING * capacity) {
            clear();
        }
        for (int s = 0; s < seriesIds.length && !full; s++) {
            add(hash(db, measurement, tags[s]), seriesKeys[s], seriesIds[s]);
        }
    }

    private void add(int hash, byte[] key, long id) {
        int need = Short.BYTES + key.length + Long.BYTES;
        boolean newSlab = slabsUsed == 0 || top + need > slabBytes;
        if (size == capacity || newSlab && slabsUsed == slabBudget) {
            full = true;
            return;
        }
        if (newSlab) {
            if (slabsUsed == slabs.length) {
                slabs = Arrays.copyOf(slabs, slabs.length + 8);
            }
            if (slabs[slabsUsed] == null) {
                slabs[slabsUsed] = new byte[slabBytes];
            }
            slabsUsed++;
            top = 0;
        }
        byte[] slab = slabs[slabsUsed - 1];
        SHORTS.set(slab, top, (short) key.length);
        System.arraycopy(key, 0, slab, top + Short.BYTES, key.length);
        LONGS.set(slab, top + Short.BYTES + key.length, id);
        long entry = ((long) hash << 32) | ((((long) (slabsUsed - 1) << SLAB_SHIFT) | top) + 1);
        top += need;
        if (++size > table.length / 2) {
            table = grown(table);
        }
        put(table, entry);
    }

    private static void put(long[] t, long entry) {
        int mask = t.length - 1;
        int i = home((int) (entry >>> 32), mask);
        while (t[i] != 0) {
            i = (i + 1) & mask;
        }
        t[i] = entry;
    }

    private static long[] grown(long[] t) {
        long[] bigger = new long[t.length * 2];
        for (long entry : t) {
            if (entry != 0) {
                put(bigger, entry);
            }
        }
        return bigger;
    }

    private void clear() {
        Arrays.fill(table, 0);
        slabsUsed = 0;
        top = 0;
        size = 0;
        full = false;
        missesWhileFull = 0;
    }

    private static int home(int hash, int mask) {
        return (int) ((hash * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    }

    /** Returns the number of cached ids. */
    synchronized int size() {
        return size;
    }

    /** Returns the heap bytes the cache's arrays take. */
    synchronized long heapBytes() {
        long bytes = (long) table.length * Long.BYTES;
        for (byte[] slab : slabs) {
            bytes += slab == null ? 0 : slab.length;
        }
        return bytes;
    }

    /** Returns the most ids kept. */
    int capacity() {
        return capacity;
    }
}
