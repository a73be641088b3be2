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
        long result = 0;
        while (n > 0) {
            int avail = 8 - (int) (bitPos & 7);
            int take = Math.min(avail, n);
            int b = ((buf[offset + (int) (bitPos >>> 3)] & 0xFF) >>> (avail - take)) & ((1 << take) - 1);
            result = (result << take) | b;
            bitPos += take;
            n -= take;
        }
        return result;
    }

    boolean readBit() {
        return readBits(1) != 0;
    }

    long readVarLong() {
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            long b = readBits(8);
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
    }

    byte[] readBytes(int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) readBits(8);
        }
        return out;
    }

    static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
