package io.cairn.store.lmdb.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.GetOp;
import org.lmdbjava.SeekOp;
import org.lmdbjava.Txn;

/**
 * Fills a {@link SeriesCells} with the points in a time range of some fields of every series, in one pass in key
 * order over the open chunks and one over the closed ones: LMDB reads its pages in order instead of searching from
 * the root for each series, which at a million series in random order costs several times more. Keys of other
 * fields and closed blocks outside the range are skipped with a seek. The range must lie in one bucket of the
 * aggregation, so every point a series has in it lands in one cell. Only the first {@value #PREFIX_BYTES} bytes of
 * each chunk are copied out of LMDB (its header answers a chunk wholly in the range); a chunk to decode, or a key
 * that long, is read again whole.
 */
final class ChunkSweep {
    static final int PREFIX_BYTES = 64;

    private final Txn<byte[]> txn;
    private final byte[][] sortedFields;
    private final int[] slots;
    private final long start;
    private final long end;
    private final long firstBlock;
    private final long maxId;
    private final SeriesCells cells;

    private ChunkSweep(Txn<byte[]> txn, byte[][] fieldsUtf8, long start, long end, long maxId, SeriesCells cells) {
        this.txn = txn;
        this.start = start;
        this.end = end;
        this.firstBlock = Keys.blockOf(start);
        this.maxId = maxId;
        this.cells = cells;
        Integer[] order = new Integer[fieldsUtf8.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Keys.compareFieldNames(fieldsUtf8[a], fieldsUtf8[b]));
        this.sortedFields = new byte[order.length][];
        this.slots = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            sortedFields[i] = fieldsUtf8[order[i]];
            slots[i] = order[i];
        }
    }

    /** Adds the points in {@code [start, end)} of the fields (by UTF-8 name) of series 0 to maxId to the cells. */
    static void fill(LmdbEnvironment lmdb, Txn<byte[]> txn, byte[][] fieldsUtf8, long start, long end, long maxId,
            SeriesCells cells) {
        if (fieldsUtf8.length == 0 || start >= end) {
            return;
        }
        ChunkSweep sweep = new ChunkSweep(txn, fieldsUtf8, start, end, maxId, cells);
        sweep.pass(lmdb.openChunks, false);
        sweep.pass(lmdb.chunks, true);
    }

    private void pass(Dbi<byte[]> dbi, boolean closed) {
        PinnedByteArrayProxy.copyAtMost(PREFIX_BYTES);
        try (Cursor<byte[]> c = dbi.openCursor(txn)) {
            boolean found = c.get(target(0, 0, closed), GetOp.MDB_SET_RANGE);
            while (found) {
                byte[] key = c.key().length < PREFIX_BYTES ? c.key() : whole(c).key();
                int fieldEnd = key.length - (closed ? 9 : 1);
                if (fieldEnd < 8) {
                    found = c.next();
                    continue;
                }
                long id = ByteBuffer.wrap(key, 0, 8).getLong();
                if (id < 0 || id > maxId) {
                    return;
                }
                int at = key[fieldEnd] == 0 ? fieldAt(key, fieldEnd) : -1;
                if (at < 0) {
                    found = key[fieldEnd] == 0 ? seek(c, id, -at - 1, closed) : c.next();
                } else if (closed && Keys.blockOfChunkKey(key) < firstBlock) {
                    found = c.get(Keys.chunkKey(Keys.chunkPrefixOf(key), firstBlock), GetOp.MDB_SET_RANGE);
                } else if (closed && Keys.blockOfChunkKey(key) >= end) {
                    found = seek(c, id, at + 1, closed);
                } else {
                    byte[] chunk = c.val();
                    long block = closed ? Keys.blockOfChunkKey(key) : FieldChunkWriter.blockOfChunk(chunk);
                    if (block >= firstBlock && block < end) {
                        add(slots[at], (int) id, chunk, c);
                    }
                    found = c.next();
                }
            }
        } finally {
            PinnedByteArrayProxy.copyAll();
        }
    }

    /** Reads the cursor's key and value again, whole. */
    private static Cursor<byte[]> whole(Cursor<byte[]> c) {
        PinnedByteArrayProxy.copyAll();
        try {
            c.seek(SeekOp.MDB_GET_CURRENT);
            return c;
        } finally {
            PinnedByteArrayProxy.copyAtMost(PREFIX_BYTES);
        }
    }

    /** Returns the position of the key's field among the sorted fields, or -(insertion point) - 1. */
    private int fieldAt(byte[] key, int fieldEnd) {
        int low = 0;
        int high = sortedFields.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            byte[] field = sortedFields[mid];
            int c = Arrays.compareUnsigned(key, 8, fieldEnd, field, 0, field.length);
            if (c == 0) {
                return mid;
            }
            if (c < 0) {
                high = mid - 1;
            } else {
                low = mid + 1;
            }
        }
        return -low - 1;
    }

    /** Moves to the first key at or after the field at {@code field} in sorted order of series {@code id}. */
    private boolean seek(Cursor<byte[]> c, long id, int field, boolean closed) {
        if (field < sortedFields.length) {
            return c.get(target(id, field, closed), GetOp.MDB_SET_RANGE);
        }
        return id < maxId && c.get(target(id + 1, 0, closed), GetOp.MDB_SET_RANGE);
    }

    private byte[] target(long id, int field, boolean closed) {
        byte[] prefix = Keys.chunkPrefix(id, sortedFields[field]);
        return closed ? Keys.chunkKey(prefix, firstBlock) : prefix;
    }

    private void add(int slot, int id, byte[] chunk, Cursor<byte[]> c) {
        ChunkHeader h = ChunkCodec.header(chunk);
        if (h.minTime() >= start && h.maxTime() < end) {
            cells.addSummary(slot, id, h);
            return;
        }
        byte[] wholeChunk = chunk.length < PREFIX_BYTES ? chunk : whole(c).val();
        ChunkPoints points = ChunkCodec.decode(wholeChunk).slice(start, end);
        boolean numeric = points.type.isNumeric();
        for (int i = 0; i < points.size; i++) {
            cells.add(slot, id, numeric ? points.doubleAt(i) : Double.NaN);
        }
    }
}
