package io.cairn.store.lmdb.internal;

import io.cairn.api.model.FieldType;

/** Decodes chunks in the layout {@link ChunkAppender} writes. */
final class AppendableChunkReader {
    private AppendableChunkReader() {
    }

    static ChunkPoints decode(byte[] chunk, ChunkHeader h) {
        ChunkPoints p = ChunkPoints.allocate(h.type(), h.count());
        return p.head(decode(chunk, h, Long.MAX_VALUE, null, 0, p, null));
    }

    /**
     * Decodes a chunk's points up to and including {@code maxTime}, stopping there when the chunk is in the
     * appendable layout (other layouts are decoded whole).
     */
    static ChunkPoints decodeThrough(byte[] chunk, long maxTime) {
        return decodeThrough(chunk, maxTime, null);
    }

    /**
     * Like {@link #decodeThrough(byte[], long)}, decoding an appendable chunk into {@code reused} (which the result
     * then shares) when it is of the chunk's type with room for its points.
     */
    static ChunkPoints decodeThrough(byte[] chunk, long maxTime, ChunkPoints reused) {
        if (!ChunkAppender.isAppendable(chunk)) {
            return ChunkCodec.decode(chunk);
        }
        ChunkHeader h = ChunkCodec.header(chunk);
        boolean fits = reused != null && reused.type == h.type() && reused.size >= h.count();
        ChunkPoints p = fits ? reused : ChunkPoints.allocate(h.type(), h.count());
        return p.head(decode(chunk, h, maxTime, null, 0, p, null));
    }

    /**
     * Decodes the values of an appendable chunk at ascending row times into {@code out} (position i for time
     * i, its times left as they are), setting in {@code presentWords} (bit i of word i / 64, zero on entry) the
     * rows the chunk has a value at; stops after the last row time and returns how many rows have a value.
     */
    static int decodeAt(byte[] chunk, ChunkHeader h, long[] rowTimes, int rows, ChunkPoints out,
            long[] presentWords) {
        return decode(chunk, h, Long.MAX_VALUE, rowTimes, rows, out, presentWords);
    }

    /**
     * The one decoding loop: every point up to {@code maxTime} into {@code out} with its time (rowTimes null;
     * returns how many), or only the points at the row times (returns how many of the rows it found).
     */
    private static int decode(byte[] chunk, ChunkHeader h, long maxTime, long[] rowTimes, int rows, ChunkPoints out,
            long[] presentWords) {
        FieldType type = h.type();
        if (type == FieldType.STRING) {
            throw new IllegalStateException("string chunks are not appendable");
        }
        WordBitReader r = new WordBitReader(chunk, ChunkAppender.State.streamOffset(chunk, type));
        int count = h.count();
        long time = h.minTime();
        long delta = 0;
        long value = 0;
        int lead = 0;
        int trail = 0;
        int row = 0;
        int found = 0;
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
                    return found;
                }
                if (rowTimes[row] != time) {
                    continue;
                }
                presentWords[row >>> 6] |= 1L << row;
                found++;
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
        return rowTimes == null ? count : found;
    }

    /** Reads what {@link ChunkAppender#writeTimeCode} wrote: a prefix of up to four ones and its width. */
    private static long readTimeCode(WordBitReader r) {
        return switch (r.peekOnes(4, 36)) {
            case 0 -> r.take(1, 0);
            case 1 -> r.take(2, 12);
            case 2 -> r.take(3, 20);
            case 3 -> r.take(4, 32);
            default -> {
                r.take(4, 0);
                yield r.readBits(64);
            }
        };
    }

    /** Reads what {@link ChunkAppender} wrote for an integer: a prefix of up to five ones and its width. */
    private static long readIntegerCode(WordBitReader r) {
        return switch (r.peekOnes(5, 37)) {
            case 0 -> r.take(1, 0);
            case 1 -> r.take(2, 4);
            case 2 -> r.take(3, 8);
            case 3 -> r.take(4, 16);
            case 4 -> r.take(5, 32);
            default -> {
                r.take(5, 0);
                yield r.readBits(64);
            }
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
