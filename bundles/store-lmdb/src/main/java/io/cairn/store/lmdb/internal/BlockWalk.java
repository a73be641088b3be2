package io.cairn.store.lmdb.internal;

import java.util.function.Function;
import org.lmdbjava.Txn;

/**
 * Walks the time blocks of one series, forwards or latest first, handing out each block's chunk of every slot of
 * a {@link ScanFields}. With field predicates only blocks in which every predicate field has a chunk are handed
 * out, and the other fields' chunks of the blocks passed over are skipped unread.
 */
final class BlockWalk implements AutoCloseable {
    private final ScanFields fields;
    private final ChunkSource[] sources;
    private final boolean backwards;
    private final long none;

    private BlockWalk(ScanFields fields, ChunkSource[] sources, boolean backwards) {
        this.fields = fields;
        this.sources = sources;
        this.backwards = backwards;
        this.none = backwards ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    /** Walks the blocks overlapping {@code [start, end)} in ascending time. */
    static BlockWalk forwards(LmdbEnvironment lmdb, Txn<byte[]> txn, long seriesId, ScanFields fields, long start,
            long end) {
        return of(fields, false, field -> new FieldChunks(lmdb, txn, seriesId, field, start, end));
    }

    /** Walks the blocks overlapping {@code [start, end)}, which must not be empty, latest first. */
    static BlockWalk backwards(LmdbEnvironment lmdb, Txn<byte[]> txn, long seriesId, ScanFields fields, long start,
            long end) {
        return of(fields, true, field -> new LatestChunks(lmdb, txn, seriesId, field, start, end));
    }

    private static BlockWalk of(ScanFields fields, boolean backwards, Function<String, ChunkSource> open) {
        ChunkSource[] sources = new ChunkSource[fields.slots()];
        try {
            for (int i = 0; i < sources.length; i++) {
                sources[i] = open.apply(fields.names().get(i));
            }
        } catch (RuntimeException e) {
            closeAll(sources);
            throw e;
        }
        return new BlockWalk(fields, sources, backwards);
    }

    /** Returns the next block's chunk of each slot (null where a field has none), or null when no block is left. */
    byte[][] next() {
        long block = fields.filter() == null ? nextOfAny() : nextOfEveryPredicateField();
        if (block == none) {
            return null;
        }
        byte[][] chunks = new byte[sources.length][];
        for (int i = 0; i < sources.length; i++) {
            skipTo(sources[i], block);
            if (sources[i].peekBlock() == block) {
                chunks[i] = sources[i].take();
            }
        }
        return chunks;
    }

    private long nextOfAny() {
        long block = none;
        for (ChunkSource s : sources) {
            long b = s.peekBlock();
            block = backwards ? Math.max(block, b) : Math.min(block, b);
        }
        return block;
    }

    private long nextOfEveryPredicateField() {
        RowFilter filter = fields.filter();
        while (true) {
            long block = backwards ? Long.MAX_VALUE : Long.MIN_VALUE;
            for (int k = 0; k < filter.size(); k++) {
                long b = sources[filter.slot(k)].peekBlock();
                block = backwards ? Math.min(block, b) : Math.max(block, b);
            }
            if (block == none) {
                return none;
            }
            boolean aligned = true;
            for (int k = 0; k < filter.size(); k++) {
                ChunkSource s = sources[filter.slot(k)];
                skipTo(s, block);
                aligned &= s.peekBlock() == block;
            }
            if (aligned) {
                return block;
            }
        }
    }

    private void skipTo(ChunkSource s, long block) {
        while (backwards ? s.peekBlock() > block : s.peekBlock() < block) {
            s.skip();
        }
    }

    private static void closeAll(ChunkSource[] sources) {
        for (ChunkSource s : sources) {
            if (s != null) {
                s.close();
            }
        }
    }

    @Override
    public void close() {
        closeAll(sources);
    }
}
