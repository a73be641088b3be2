package io.cairn.store.lmdb.internal;

import java.util.Arrays;

/**
 * Appends bit fields, most significant bit first, and varints to a growing byte array; it can
 * resume after the last bit of an earlier stream so that an encoded chunk grows without decoding.
 */
final class BitWriter {
    private byte[] buf;
    private int bytes;
    private long pending;
    private int pendingBits;

    BitWriter(int initialBytes) {
        buf = new byte[Math.max(16, initialBytes)];
    }

    /**
     * Returns a writer that continues the stream of {@code bitLength} bits starting at {@code offset}
     * of {@code src}, with room for about {@code moreBytes} more.
     */
    static BitWriter resume(byte[] src, int offset, long bitLength, int moreBytes) {
        int whole = (int) (bitLength >>> 3);
        BitWriter w = new BitWriter(whole + 1 + moreBytes);
        System.arraycopy(src, offset, w.buf, 0, whole);
        w.bytes = whole;
        w.pendingBits = (int) (bitLength & 7);
        if (w.pendingBits > 0) {
            w.pending = (src[offset + whole] & 0xFF) >>> (8 - w.pendingBits);
        }
        return w;
    }

    /** Writes the lowest {@code n} bits of {@code value}, 0 ≤ n ≤ 64. */
    void writeBits(long value, int n) {
        if (n > 56) {
            writeShort(value >>> 32, n - 32);
            writeShort(value, 32);
        } else {
            writeShort(value, n);
        }
    }

    private void writeShort(long value, int n) {
        if (bytes + 8 > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(bytes + 16, buf.length * 2));
        }
        pending = (pending << n) | (value & ((1L << n) - 1));
        pendingBits += n;
        while (pendingBits >= 8) {
            pendingBits -= 8;
            buf[bytes++] = (byte) (pending >>> pendingBits);
        }
    }

    void writeBit(boolean bit) {
        writeShort(bit ? 1 : 0, 1);
    }

    /** Writes an unsigned varint in 7-bit groups, low group first. */
    void writeVarLong(long v) {
        while ((v & ~0x7FL) != 0) {
            writeShort((v & 0x7F) | 0x80, 8);
            v >>>= 7;
        }
        writeShort(v, 8);
    }

    void writeBytes(byte[] src) {
        for (byte b : src) {
            writeShort(b & 0xFF, 8);
        }
    }

    /** Returns the number of bits written, resumed ones included. */
    long bitLength() {
        return bytes * 8L + pendingBits;
    }

    /** Returns the number of bytes the stream needs, its last one padded with zero bits. */
    int byteLength() {
        return bytes + (pendingBits > 0 ? 1 : 0);
    }

    /** Copies the stream's bytes, the last one padded with zero bits, to {@code dest} at {@code at}. */
    void copyTo(byte[] dest, int at) {
        System.arraycopy(buf, 0, dest, at, bytes);
        if (pendingBits > 0) {
            dest[at + bytes] = (byte) (pending << (8 - pendingBits));
        }
    }

    /** Returns the bytes written so far, the last one padded with zero bits. */
    byte[] toByteArray() {
        byte[] out = new byte[byteLength()];
        copyTo(out, 0);
        return out;
    }

    static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }
}
