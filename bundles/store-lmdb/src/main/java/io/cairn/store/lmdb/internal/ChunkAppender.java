package io.cairn.store.lmdb.internal;

import io.cairn.api.model.FieldType;
import java.nio.ByteBuffer;

/**
 * Encodes points in the appendable chunk layout and resumes from such a chunk to add later points
 * without decoding it. The layout is the common header (its type byte carrying {@link #APPENDABLE}),
 * then the encoder's state (stream length in bits, last time delta, last value and for floats the
 * last leading and trailing zero counts), then one bit stream holding each point's delta-of-delta
 * time followed by its value: Gorilla XOR floats, zigzag integer deltas in prefix-coded widths, one
 * bit per boolean. Encoding points at once and appending them in pieces give the same bytes.
 */
final class ChunkAppender {
    /** The flag in a chunk's type byte that marks the appendable layout. */
    static final int APPENDABLE = 0x80;

    private final FieldType type;
    private final BitWriter bits;
    private int count;
    private long minTime;
    private long maxTime;
    private long lastDelta;
    private long lastValue;
    private int lead = -1;
    private int trail;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double sum;

    private ChunkAppender(FieldType type, BitWriter bits) {
        this.type = type;
        this.bits = bits;
    }

    /** Returns whether chunks of a type can be appended to (strings cannot: their dictionary comes first). */
    static boolean supports(FieldType type) {
        return type != FieldType.STRING;
    }

    static boolean isAppendable(byte[] chunk) {
        return (chunk[0] & APPENDABLE) != 0;
    }

    /** Starts an empty chunk with room for about {@code expected} points. */
    static ChunkAppender start(FieldType type, int expected) {
        return new ChunkAppender(type, new BitWriter(expected * 2 + 8));
    }

    /** Resumes after the last point of an appendable chunk, with room for about {@code more} points. */
    static ChunkAppender resume(byte[] chunk, int more) {
        ChunkHeader h = ChunkCodec.header(chunk);
        State state = State.read(chunk, h.type());
        ChunkAppender a = new ChunkAppender(h.type(),
                BitWriter.resume(chunk, state.streamOffset(), state.bitLength(), more * 2 + 8));
        a.count = h.count();
        a.minTime = h.minTime();
        a.maxTime = h.maxTime();
        a.lastDelta = state.lastDelta();
        a.lastValue = state.lastValue();
        a.lead = state.lead();
        a.trail = state.trail();
        if (h.type().isNumeric()) {
            a.min = h.min();
            a.max = h.max();
            a.sum = h.sum();
        }
        return a;
    }

    /** Adds every point of {@code p}; their times must all be later than the chunk's last. */
    ChunkAppender addAll(ChunkPoints p) {
        for (int i = 0; i < p.size; i++) {
            add(p, i);
        }
        return this;
    }

    /** Adds point {@code i} of {@code p}; its time must be later than the chunk's last. */
    void add(ChunkPoints p, int i) {
        long time = p.times[i];
        if (count == 0) {
            minTime = time;
        } else {
            long delta = time - maxTime;
            writeTimeCode(bits, BitWriter.zigzag(delta - lastDelta));
            lastDelta = delta;
        }
        maxTime = time;
        switch (type) {
            case FLOAT -> addFloat(p.doubles[i]);
            case INTEGER -> addInteger(p.longs[i]);
            case BOOLEAN -> bits.writeBit(p.booleans[i]);
            case STRING -> throw new IllegalStateException("string chunks are not appendable");
        }
        count++;
    }

    private void addInteger(long v) {
        long zz = BitWriter.zigzag(v - lastValue);
        lastValue = v;
        if (zz == 0) {
            bits.writeBits(0b0, 1);
        } else if (zz >>> 4 == 0) {
            bits.writeBits(0b10L << 4 | zz, 6);
        } else if (zz >>> 8 == 0) {
            bits.writeBits(0b110L << 8 | zz, 11);
        } else if (zz >>> 16 == 0) {
            bits.writeBits(0b1110L << 16 | zz, 20);
        } else if (zz >>> 32 == 0) {
            bits.writeBits(0b11110L << 32 | zz, 37);
        } else {
            bits.writeBits(0b11111, 5);
            bits.writeBits(zz, 64);
        }
        summarise(v);
    }

    private void addFloat(double value) {
        long v = Double.doubleToRawLongBits(value);
        if (count == 0) {
            bits.writeBits(v, 64);
        } else {
            long xor = v ^ lastValue;
            if (xor == 0) {
                bits.writeBit(false);
            } else {
                int l = Long.numberOfLeadingZeros(xor);
                int t = Long.numberOfTrailingZeros(xor);
                if (lead >= 0 && l >= lead && t >= trail) {
                    bits.writeBits(0b10, 2);
                    bits.writeBits(xor >>> trail, 64 - lead - trail);
                } else {
                    int len = 64 - l - t;
                    bits.writeBits(0b11L << 12 | (long) l << 6 | (len - 1), 14);
                    bits.writeBits(xor >>> t, len);
                    lead = l;
                    trail = t;
                }
            }
        }
        lastValue = v;
        summarise(value);
    }

    private void summarise(double v) {
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
    }

    /** Writes a zigzagged delta-of-delta of times: 0, or a width prefix and 12, 20, 32 or 64 bits. */
    static void writeTimeCode(BitWriter w, long zz) {
        if (zz == 0) {
            w.writeBits(0b0, 1);
        } else if (zz >>> 12 == 0) {
            w.writeBits(0b10L << 12 | zz, 14);
        } else if (zz >>> 20 == 0) {
            w.writeBits(0b110L << 20 | zz, 23);
        } else if (zz >>> 32 == 0) {
            w.writeBits(0b1110L << 32 | zz, 36);
        } else {
            w.writeBits(0b1111, 4);
            w.writeBits(zz, 64);
        }
    }

    /** Returns the encoded chunk: header, state and stream. */
    byte[] finish() {
        if (count == 0) {
            throw new IllegalArgumentException("an empty chunk is not stored");
        }
        BitWriter state = new BitWriter(24);
        new State(bits.bitLength(), lastDelta, lastValue, lead, trail, 0).write(state, type);
        int headerSize = ChunkCodec.headerSize(type);
        byte[] out = new byte[headerSize + state.byteLength() + bits.byteLength()];
        ByteBuffer header = ByteBuffer.wrap(out);
        header.put((byte) (type.code() | APPENDABLE)).putInt(count).putLong(minTime).putLong(maxTime);
        if (type.isNumeric()) {
            header.putDouble(min).putDouble(max).putDouble(sum);
        }
        state.copyTo(out, headerSize);
        bits.copyTo(out, headerSize + state.byteLength());
        return out;
    }

    /** The encoder state stored after the header, and where the stream starts. */
    record State(long bitLength, long lastDelta, long lastValue, int lead, int trail, int streamOffset) {
        static State read(byte[] chunk, FieldType type) {
            int at = ChunkCodec.headerSize(type);
            BitReader r = new BitReader(chunk, at);
            long bitLength = r.readVarLong();
            long lastDelta = BitReader.unzigzag(r.readVarLong());
            long lastValue = 0;
            int lead = -1;
            int trail = 0;
            if (type == FieldType.INTEGER) {
                lastValue = BitReader.unzigzag(r.readVarLong());
            } else if (type == FieldType.FLOAT) {
                lastValue = r.readBits(64);
                int l = (int) r.readBits(8);
                lead = l == 0xFF ? -1 : l;
                trail = (int) r.readBits(8);
            }
            return new State(bitLength, lastDelta, lastValue, lead, trail, at + (int) (r.position() >>> 3));
        }

        /**
         * Returns the last value of an appendable FLOAT or INTEGER chunk from its state alone, read byte-wise (its
         * fields are whole bytes), without decoding a point: the bits of the double, or the integer.
         */
        static long lastValue(byte[] chunk, FieldType type) {
            int at = afterVarLong(chunk, afterVarLong(chunk, ChunkCodec.headerSize(type))); // length, last delta
            if (type == FieldType.INTEGER) {
                long zigzag = 0;
                for (int shift = 0; ; shift += 7) {
                    zigzag |= (chunk[at] & 0x7FL) << shift;
                    if (chunk[at++] >= 0) {
                        return BitReader.unzigzag(zigzag);
                    }
                }
            }
            long bits = 0;
            for (int i = at; i < at + 8; i++) {
                bits = bits << 8 | (chunk[i] & 0xFF);
            }
            return bits;
        }

        /** Returns where the point stream of an appendable chunk starts: after the header and the encoder state. */
        static int streamOffset(byte[] chunk, FieldType type) {
            int at = afterVarLong(chunk, afterVarLong(chunk, ChunkCodec.headerSize(type)));
            return switch (type) {
                case INTEGER -> afterVarLong(chunk, at);
                case FLOAT -> at + 8 + 1 + 1; // last value, last leading and trailing zero counts
                default -> at;
            };
        }

        /** Returns the position after the varint at {@code at} (the state is byte-aligned: its fields are bytes). */
        private static int afterVarLong(byte[] chunk, int at) {
            while (chunk[at] < 0) {
                at++;
            }
            return at + 1;
        }

        void write(BitWriter w, FieldType type) {
            w.writeVarLong(bitLength);
            w.writeVarLong(BitWriter.zigzag(lastDelta));
            if (type == FieldType.INTEGER) {
                w.writeVarLong(BitWriter.zigzag(lastValue));
            } else if (type == FieldType.FLOAT) {
                w.writeBits(lastValue, 64);
                w.writeBits(lead < 0 ? 0xFF : lead, 8);
                w.writeBits(trail, 8);
            }
        }
    }
}
