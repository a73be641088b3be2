package io.cairn.ingest.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable byte array written in the byte order of {@link java.io.DataOutputStream} without its
 * per-call stream and lock overhead: the write-ahead-log record encoding writes millions of values through it.
 * Not thread safe.
 */
final class BigEndianBytes {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private byte[] bytes;
    private int size;

    BigEndianBytes(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    /** Makes room for at least {@code n} more bytes. */
    void reserve(long n) {
        long needed = size + n;
        if (needed > bytes.length) {
            if (needed > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("a write-ahead-log record cannot exceed 2 GB");
            }
            bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(needed, bytes.length * 2L)));
        }
    }

    void writeByte(int v) {
        reserve(1);
        bytes[size++] = (byte) v;
    }

    void writeInt(int v) {
        reserve(4);
        INTS.set(bytes, size, v);
        size += 4;
    }

    void writeLong(long v) {
        reserve(8);
        LONGS.set(bytes, size, v);
        size += 8;
    }

    void write(byte[] b) {
        reserve(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    /**
     * Writes an ASCII string as its length and bytes (its UTF-8 encoding) without encoding it; returns false,
     * writing nothing, if it holds other characters.
     */
    boolean writeAscii(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        reserve(4L + n);
        INTS.set(bytes, size, n);
        size += 4;
        for (int i = 0; i < n; i++) {
            bytes[size + i] = (byte) s.charAt(i);
        }
        size += n;
        return true;
    }

    /** Returns the bytes written, in an array exactly as long as they are. */
    byte[] toByteArray() {
        return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }
}
