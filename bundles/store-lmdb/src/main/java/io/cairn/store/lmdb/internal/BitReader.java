package io.cairn.store.lmdb.internal;

/** Reads what a {@link BitWriter} wrote, from an offset of a byte array. */
final class BitReader {
    private final byte[] buf;
    private final int offset;
    private long bitPos;

    BitReader(byte[] buf, int offset) {
        this.buf = buf;
        this.offset = offset;
    }

    /** Reads {@code n} bits, 0 ≤ n ≤ 64, as the lowest bits of the result. */
    long readBits(int n) {
        if (n > 56) {
            long high = readShort(n - 32);
            return (high << 32) | readShort(32);
        }
        return readShort(n);
    }

    private long readShort(int n) {
        if (n == 0) {
            return 0;
        }
        int at = offset + (int) (bitPos >>> 3);
        int skip = (int) (bitPos & 7);
        int count = (skip + n + 7) >>> 3;
        long word = 0;
        for (int i = 0; i < count; i++) {
            word = (word << 8) | (buf[at + i] & 0xFF);
        }
        bitPos += n;
        return (word >>> (count * 8 - skip - n)) & ((1L << n) - 1);
    }

    boolean readBit() {
        int b = buf[offset + (int) (bitPos >>> 3)] >>> (7 - (int) (bitPos & 7));
        bitPos++;
        return (b & 1) != 0;
    }

    long readVarLong() {
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            long b = readShort(8);
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
    }

    byte[] readBytes(int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) readShort(8);
        }
        return out;
    }

    /** Returns the number of bits read so far. */
    long position() {
        return bitPos;
    }

    static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
