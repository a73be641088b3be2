package io.cairn.store.lmdb.internal;

import io.cairn.api.model.FieldType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Encodes and decodes chunks. Every chunk starts with a fixed header (type, count, min and max
 * time, and for numeric fields min, max and sum) that aggregations read without decoding. Floats,
 * integers and booleans are written in {@link ChunkAppender}'s appendable layout. Strings use the
 * sectioned layout, which older chunks of every type also have: a bit stream of delta-of-delta
 * timestamps and then the values (Gorilla XOR floats, zigzag varint deltas for integers, one bit per
 * boolean, a dictionary plus bit-packed indexes for strings).
 */
final class ChunkCodec {
    private static final int BASE_HEADER = 1 + 4 + 8 + 8;
    private static final int NUMERIC_HEADER = BASE_HEADER + 24;
    private static final FieldType[] TYPES = FieldType.values();

    private ChunkCodec() {
    }

    static int headerSize(FieldType type) {
        return type.isNumeric() ? NUMERIC_HEADER : BASE_HEADER;
    }

    /** Encodes points, sorted by time with distinct times, in the layout their type is written in. */
    static byte[] encode(ChunkPoints p) {
        if (ChunkAppender.supports(p.type)) {
            return ChunkAppender.start(p.type, p.size).addAll(p).finish();
        }
        return encodeSectioned(p);
    }

    /**
     * Returns the chunk with later points appended without decoding it, or null when that is not
     * possible: the chunk is not appendable, or a point is not later than its last.
     */
    static byte[] append(byte[] chunk, ChunkPoints later) {
        if (!ChunkAppender.isAppendable(chunk) || later.size == 0 || later.times[0] <= maxTime(chunk)) {
            return null;
        }
        return ChunkAppender.resume(chunk, later.size).addAll(later).finish();
    }

    /** Encodes points in the sectioned layout: all times, then all values. */
    static byte[] encodeSectioned(ChunkPoints p) {
        if (p.size == 0) {
            throw new IllegalArgumentException("an empty chunk is not stored");
        }
        int headerSize = headerSize(p.type);
        ByteBuffer header = ByteBuffer.allocate(headerSize);
        header.put(p.type.code()).putInt(p.size).putLong(p.times[0]).putLong(p.times[p.size - 1]);
        if (p.type.isNumeric()) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int i = 0; i < p.size; i++) {
                double v = p.doubleAt(i);
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
            }
            header.putDouble(min).putDouble(max).putDouble(sum);
        }
        BitWriter w = new BitWriter(headerSize + p.size * 2);
        w.writeBytes(header.array());
        writeTimes(w, p);
        switch (p.type) {
            case FLOAT -> writeFloats(w, p.doubles, p.size);
            case INTEGER -> writeIntegers(w, p.longs, p.size);
            case BOOLEAN -> {
                for (int i = 0; i < p.size; i++) {
                    w.writeBit(p.booleans[i]);
                }
            }
            case STRING -> writeStrings(w, p.strings, p.size);
        }
        return w.toByteArray();
    }

    /** Returns the field type of a chunk, read from its header alone. */
    static FieldType type(byte[] chunk) {
        return typeOf(chunk[0]);
    }

    /** Returns the number of a chunk's points, read from its header alone. */
    static int count(byte[] chunk) {
        return (int) (longAt(chunk, 1) >>> 32);
    }

    /** Returns the time of a chunk's first point, read from its header alone. */
    static long minTime(byte[] chunk) {
        return longAt(chunk, 5);
    }

    /** Returns the time of a chunk's last point, read from its header alone. */
    static long maxTime(byte[] chunk) {
        return longAt(chunk, 13);
    }

    private static long longAt(byte[] b, int at) {
        long v = 0;
        for (int i = at; i < at + 8; i++) {
            v = (v << 8) | (b[i] & 0xFF);
        }
        return v;
    }

    static ChunkHeader header(byte[] chunk) {
        ByteBuffer b = ByteBuffer.wrap(chunk);
        FieldType type = typeOf(b.get());
        int count = b.getInt();
        long minTime = b.getLong();
        long maxTime = b.getLong();
        if (!type.isNumeric()) {
            return new ChunkHeader(type, count, minTime, maxTime, Double.NaN, Double.NaN, Double.NaN);
        }
        return new ChunkHeader(type, count, minTime, maxTime, b.getDouble(), b.getDouble(), b.getDouble());
    }

    private static FieldType typeOf(byte code) {
        int ordinal = code & ~ChunkAppender.APPENDABLE & 0xFF;
        if (ordinal >= TYPES.length) {
            throw new IllegalArgumentException("unknown field type code " + ordinal);
        }
        return TYPES[ordinal];
    }

    static ChunkPoints decode(byte[] chunk) {
        ChunkHeader h = header(chunk);
        if (ChunkAppender.isAppendable(chunk)) {
            return AppendableChunkReader.decode(chunk, h);
        }
        ChunkPoints p = ChunkPoints.allocate(h.type(), h.count());
        BitReader r = new BitReader(chunk, headerSize(h.type()));
        readTimes(r, p, h.minTime());
        switch (h.type()) {
            case FLOAT -> readFloats(r, p.doubles, p.size);
            case INTEGER -> readIntegers(r, p.longs, p.size);
            case BOOLEAN -> {
                for (int i = 0; i < p.size; i++) {
                    p.booleans[i] = r.readBit();
                }
            }
            case STRING -> readStrings(r, p.strings, p.size);
        }
        return p;
    }

    private static void writeTimes(BitWriter w, ChunkPoints p) {
        long prevDelta = 0;
        for (int i = 1; i < p.size; i++) {
            long delta = p.times[i] - p.times[i - 1];
            ChunkAppender.writeTimeCode(w, BitWriter.zigzag(delta - prevDelta));
            prevDelta = delta;
        }
    }

    private static void readTimes(BitReader r, ChunkPoints p, long first) {
        p.times[0] = first;
        long prevDelta = 0;
        for (int i = 1; i < p.size; i++) {
            prevDelta += BitReader.unzigzag(AppendableChunkReader.readTimeCode(r));
            p.times[i] = p.times[i - 1] + prevDelta;
        }
    }

    private static void writeFloats(BitWriter w, double[] values, int n) {
        long prev = Double.doubleToRawLongBits(values[0]);
        w.writeBits(prev, 64);
        int prevLead = -1;
        int prevTrail = 0;
        for (int i = 1; i < n; i++) {
            long bits = Double.doubleToRawLongBits(values[i]);
            long xor = bits ^ prev;
            prev = bits;
            if (xor == 0) {
                w.writeBit(false);
                continue;
            }
            w.writeBit(true);
            int lead = Long.numberOfLeadingZeros(xor);
            int trail = Long.numberOfTrailingZeros(xor);
            if (prevLead >= 0 && lead >= prevLead && trail >= prevTrail) {
                w.writeBit(false);
                w.writeBits(xor >>> prevTrail, 64 - prevLead - prevTrail);
            } else {
                int len = 64 - lead - trail;
                w.writeBit(true);
                w.writeBits(lead, 6);
                w.writeBits(len - 1, 6);
                w.writeBits(xor >>> trail, len);
                prevLead = lead;
                prevTrail = trail;
            }
        }
    }

    private static void readFloats(BitReader r, double[] values, int n) {
        long prev = r.readBits(64);
        values[0] = Double.longBitsToDouble(prev);
        int lead = 0;
        int trail = 0;
        for (int i = 1; i < n; i++) {
            if (r.readBit()) {
                if (r.readBit()) {
                    lead = (int) r.readBits(6);
                    int len = (int) r.readBits(6) + 1;
                    trail = 64 - lead - len;
                }
                prev ^= r.readBits(64 - lead - trail) << trail;
            }
            values[i] = Double.longBitsToDouble(prev);
        }
    }

    private static void writeIntegers(BitWriter w, long[] values, int n) {
        long prev = 0;
        for (int i = 0; i < n; i++) {
            w.writeVarLong(BitWriter.zigzag(values[i] - prev));
            prev = values[i];
        }
    }

    private static void readIntegers(BitReader r, long[] values, int n) {
        long prev = 0;
        for (int i = 0; i < n; i++) {
            prev += BitReader.unzigzag(r.readVarLong());
            values[i] = prev;
        }
    }

    private static void writeStrings(BitWriter w, String[] values, int n) {
        Map<String, Integer> dictionary = new HashMap<>();
        int[] indexes = new int[n];
        String[] words = new String[n];
        for (int i = 0; i < n; i++) {
            Integer index = dictionary.get(values[i]);
            if (index == null) {
                index = dictionary.size();
                dictionary.put(values[i], index);
                words[index] = values[i];
            }
            indexes[i] = index;
        }
        w.writeVarLong(dictionary.size());
        for (int i = 0; i < dictionary.size(); i++) {
            byte[] utf8 = words[i].getBytes(StandardCharsets.UTF_8);
            w.writeVarLong(utf8.length);
            w.writeBytes(utf8);
        }
        int width = indexWidth(dictionary.size());
        for (int i = 0; i < n; i++) {
            w.writeBits(indexes[i], width);
        }
    }

    private static void readStrings(BitReader r, String[] values, int n) {
        String[] words = new String[(int) r.readVarLong()];
        for (int i = 0; i < words.length; i++) {
            words[i] = new String(r.readBytes((int) r.readVarLong()), StandardCharsets.UTF_8);
        }
        int width = indexWidth(words.length);
        for (int i = 0; i < n; i++) {
            values[i] = words[(int) r.readBits(width)];
        }
    }

    private static int indexWidth(int dictionarySize) {
        return 32 - Integer.numberOfLeadingZeros(Math.max(dictionarySize - 1, 0));
    }
}
