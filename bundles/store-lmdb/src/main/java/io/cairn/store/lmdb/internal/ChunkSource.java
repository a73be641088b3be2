package io.cairn.store.lmdb.internal;

/** The chunks of one series and field, one per time block, handed out in one direction of time. */
interface ChunkSource extends AutoCloseable {
    /** Returns the block start of the next chunk, or the walk's end marker when there is none. */
    long peekBlock();

    /** Returns the next chunk's encoded bytes and moves past it. */
    byte[] take();

    /** Moves past the next chunk without reading it. */
    void skip();

    @Override
    void close();
}
