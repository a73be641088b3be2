package io.cairn.store.lmdb.internal;

import java.util.Arrays;

/** Appends bit fields, most significant bit first, and varints to a growing byte array. */
final class BitWriter {
    private byte[] buf;
    private long bitPos;

    BitWriter(int initialBytes) {
        buf = new byte[Math.max(16, initialBytes)];
    }

    /** Writes the lowest {@code n} bits of {@code value}, 0 ≤ n ≤ 64. */
    void writeBits(long value, int n) {
        ensure(n);
        while (n > 0) {
            int free = 8 - (int) (bitPos & 7);
            int take = Math.min(free, n);
            int bits = (int) ((value >>> (n - take)) & ((1 << take) - 1));
            buf[(int) (bitPos >>> 3)] |= (byte) (bits << (free - take));
            bitPos += take;
            n -= take;
        }
    }

    void writeBit(boolean bit) {
        writeBits(bit ? 1 : 0, 1);
    }

    /** Writes an unsigned varint in 7-bit groups, low group first. */
    void writeVarLong(long v) {
        while ((v & ~0x7FL) != 0) {
            writeBits((v & 0x7F) | 0x80, 8);
            v >>>= 7;
        }
        writeBits(v, 8);
    }

    void writeBytes(byte[] bytes) {
        for (byte b : bytes) {
            writeBits(b & 0xFF, 8);
        }
    }

    /** Returns the bytes written so far, the last one padded with zero bits. */
    byte[] toByteArray() {
        return Arrays.copyOf(buf, (int) ((bitPos + 7) >>> 3));
    }

    private void ensure(int bits) {
        long needed = (bitPos + bits + 7) >>> 3;
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.max(needed, buf.length * 2L));
        }
    }

    static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }
}
