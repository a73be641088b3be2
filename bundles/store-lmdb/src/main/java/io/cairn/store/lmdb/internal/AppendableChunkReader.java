package io.cairn.store.lmdb.internal;

import io.cairn.api.model.FieldType;
import java.util.BitSet;

/** Decodes chunks in the layout {@link ChunkAppender} writes. */
final class AppendableChunkReader {
    private AppendableChunkReader() {
    }

    static ChunkPoints decode(byte[] chunk, ChunkHeader h) {
        return decode(chunk, h, Long.MAX_VALUE);
    }

    /**
     * Decodes a chunk's points up to and including {@code maxTime}, stopping there when the chunk is in the
     * appendable layout (other layouts are decoded whole).
     */
    static ChunkPoints decodeThrough(byte[] chunk, long maxTime) {
        ChunkHeader h = ChunkCodec.header(chunk);
        if (!ChunkAppender.isAppendable(chunk) || h.maxTime() <= maxTime) {
            return ChunkCodec.decode(chunk);
        }
        return decode(chunk, h, maxTime);
    }

    /**
     * Returns the last value of an appendable FLOAT or INTEGER chunk from its encoder state, without decoding
     * its points: the bits of the double, or the integer.
     */
    static long lastValueBits(byte[] chunk, ChunkHeader h) {
        return ChunkAppender.State.read(chunk, h.type()).lastValue();
    }

    private static ChunkPoints decode(byte[] chunk, ChunkHeader h, long maxTime) {
        ChunkPoints p = ChunkPoints.allocate(h.type(), h.count());
        int n = decode(chunk, h, maxTime, null, 0, p, null);
        return p.head(n);
    }

    /**
     * Decodes the values of an appendable chunk at ascending row times into {@code out} (position i for time
     * i, its times left as they are), marking in {@code present} the rows the chunk has a value at; stops after
     * the last row time.
     */
    static void decodeAt(byte[] chunk, ChunkHeader h, long[] rowTimes, int rows, ChunkPoints out, BitSet present) {
        decode(chunk, h, Long.MAX_VALUE, rowTimes, rows, out, present);
    }

    /**
     * The one decoding loop: every point up to {@code maxTime} into {@code out} with its time (rowTimes null;
     * returns how many), or only the points at the row times (returns the rows passed).
     */
    private static int decode(byte[] chunk, ChunkHeader h, long maxTime, long[] rowTimes, int rows, ChunkPoints out,
            BitSet present) {
        FieldType type = h.type();
        if (type == FieldType.STRING) {
            throw new IllegalStateException("string chunks are not appendable");
        }
        WordBitReader r = new WordBitReader(chunk, ChunkAppender.State.read(chunk, type).streamOffset());
        int count = h.count();
        long time = h.minTime();
        long delta = 0;
        long value = 0;
        int lead = 0;
        int trail = 0;
        int row = 0;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                delta += BitReader.unzigzag(readTimeCode(r));
                time += delta;
            }
            if (type == FieldType.INTEGER) {
                value += BitReader.unzigzag(readIntegerCode(r));
            } else if (type == FieldType.FLOAT) {
                if (i == 0) {
                    value = r.readBits(64);
                } else if (r.readBit()) {
                    if (r.readBit()) {
                        lead = (int) r.readBits(6);
                        trail = 64 - lead - ((int) r.readBits(6) + 1);
                    }
                    value ^= r.readBits(64 - lead - trail) << trail;
                }
            } else {
                value = r.readBit() ? 1 : 0;
            }
            int at;
            if (rowTimes == null) {
                if (time > maxTime) {
                    return i;
                }
                out.times[i] = time;
                at = i;
            } else {
                while (row < rows && rowTimes[row] < time) {
                    row++;
                }
                if (row == rows) {
                    return rows;
                }
                if (rowTimes[row] != time) {
                    continue;
                }
                present.set(row);
                at = row++;
            }
            if (type == FieldType.INTEGER) {
                out.longs[at] = value;
            } else if (type == FieldType.FLOAT) {
                out.doubles[at] = Double.longBitsToDouble(value);
            } else {
                out.booleans[at] = value != 0;
            }
        }
        return rowTimes == null ? count : rows;
    }

    private static long readTimeCode(WordBitReader r) {
        return switch (r.readPrefix(4)) {
            case 0 -> 0;
            case 1 -> r.readBits(12);
            case 2 -> r.readBits(20);
            case 3 -> r.readBits(32);
            default -> r.readBits(64);
        };
    }

    private static long readIntegerCode(WordBitReader r) {
        return switch (r.readPrefix(5)) {
            case 0 -> 0;
            case 1 -> r.readBits(4);
            case 2 -> r.readBits(8);
            case 3 -> r.readBits(16);
            case 4 -> r.readBits(32);
            default -> r.readBits(64);
        };
    }

    /** Reads what {@link ChunkAppender#writeTimeCode} wrote. */
    static long readTimeCode(BitReader r) {
        if (!r.readBit()) {
            return 0;
        }
        if (!r.readBit()) {
            return r.readBits(12);
        }
        if (!r.readBit()) {
            return r.readBits(20);
        }
        return r.readBit() ? r.readBits(64) : r.readBits(32);
    }

}
