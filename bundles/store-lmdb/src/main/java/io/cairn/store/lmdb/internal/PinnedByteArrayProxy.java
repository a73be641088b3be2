package io.cairn.store.lmdb.internal;

import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.provider.MemoryManager;
import org.lmdbjava.BufferProxy;
import org.lmdbjava.ByteArrayProxy;

/**
 * Passes byte arrays to LMDB through native copies that stay reachable until the native call has
 * read them. lmdbjava's own {@code ByteArrayProxy} drops its copy when {@code in} returns, so a
 * garbage collection before {@code mdb_put} or {@code mdb_get} frees memory LMDB is about to read
 * (seen here as a SIGSEGV in {@code mdb_node_search} under heavy ingest). Each thread owns a ring of
 * native buffers, reused round robin (an LMDB call copies at most a key and a value in before it
 * runs, so a buffer is free again long before its turn comes back); a copy of an array larger than
 * {@value #MAX_REUSED_BYTES} bytes is kept only until its slot's next turn. A thread that needs only the start
 * of the values it reads may have only that copied out ({@link #copyAtMost}).
 */
final class PinnedByteArrayProxy extends BufferProxy<byte[]> {
    static final PinnedByteArrayProxy PROXY = new PinnedByteArrayProxy();

    private static final int PINNED_PER_THREAD = 8;
    private static final int MAX_REUSED_BYTES = 1 << 20;
    private static final MemoryManager MEMORY = Runtime.getSystemRuntime().getMemoryManager();
    private static final ThreadLocal<Pinned> PINNED = ThreadLocal.withInitial(Pinned::new);
    private static final AtomicInteger LIMITED_THREADS = new AtomicInteger();

    private PinnedByteArrayProxy() {
    }

    /**
     * Copies at most the first {@code bytes} of each key and value this thread reads from LMDB, until
     * {@link #copyAll}: a copy of exactly {@code bytes} may then be a prefix.
     */
    static void copyAtMost(int bytes) {
        Pinned pinned = PINNED.get();
        if (pinned.outLimit == Integer.MAX_VALUE) {
            LIMITED_THREADS.incrementAndGet();
        }
        pinned.outLimit = bytes;
    }

    /** Copies whole keys and values on this thread again. */
    static void copyAll() {
        Pinned pinned = PINNED.get();
        if (pinned.outLimit != Integer.MAX_VALUE) {
            pinned.outLimit = Integer.MAX_VALUE;
            LIMITED_THREADS.decrementAndGet();
        }
    }

    @Override
    protected byte[] allocate() {
        return new byte[0];
    }

    @Override
    protected void deallocate(byte[] buffer) {
        // arrays are garbage collected
    }

    @Override
    protected byte[] getBytes(byte[] buffer) {
        return buffer;
    }

    @Override
    protected Comparator<byte[]> getSignedComparator() {
        return ByteArrayProxy::compareArraysSigned;
    }

    @Override
    protected Comparator<byte[]> getUnsignedComparator() {
        return ByteArrayProxy::compareArrays;
    }

    @Override
    protected void in(byte[] buffer, Pointer val, long valAddress) {
        Pointer copy = PINNED.get().next(buffer.length);
        copy.put(0, buffer, 0, buffer.length);
        val.putLong(STRUCT_FIELD_OFFSET_SIZE, buffer.length);
        val.putAddress(STRUCT_FIELD_OFFSET_DATA, copy.address());
    }

    @Override
    protected void in(byte[] buffer, int size, Pointer val, long valAddress) {
        // MDB_RESERVE is not used
    }

    @Override
    protected byte[] out(byte[] buffer, Pointer val, long valAddress) {
        long address = val.getAddress(STRUCT_FIELD_OFFSET_DATA);
        int size = (int) val.getLong(STRUCT_FIELD_OFFSET_SIZE);
        if (LIMITED_THREADS.get() > 0) {
            size = Math.min(size, PINNED.get().outLimit);
        }
        byte[] bytes = new byte[size];
        MEMORY.newPointer(address, size).get(0, bytes, 0, size);
        return bytes;
    }

    private static final class Pinned {
        private final Pointer[] ring = new Pointer[PINNED_PER_THREAD];
        private int next;
        private int outLimit = Integer.MAX_VALUE;

        /** Returns the next buffer of the ring, with room for {@code bytes}; it stays reachable. */
        Pointer next(int bytes) {
            int slot = next;
            next = (next + 1) % ring.length;
            Pointer buffer = ring[slot];
            if (buffer == null || buffer.size() < bytes || buffer.size() > MAX_REUSED_BYTES) {
                int size = bytes > MAX_REUSED_BYTES ? bytes : Math.max(256, Integer.highestOneBit(Math.max(1, bytes)) * 2);
                buffer = MEMORY.allocateDirect(size);
                ring[slot] = buffer;
            }
            return buffer;
        }
    }
}
