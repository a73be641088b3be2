package io.cairn.store.lmdb.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads what a {@link BitWriter} wrote through a 64-bit window refilled eight bytes at a time, so that a short
 * code costs a shift instead of a loop over bytes; bits past the end of the array read as zeros.
 */
final class WordBitReader {
    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] buf;
    private int next;
    private long window;
    private int available;

    WordBitReader(byte[] buf, int offset) {
        this.buf = buf;
        this.next = offset;
    }

    private void refill() {
        if (next + 8 <= buf.length) {
            window |= (long) BIG_ENDIAN_LONG.get(buf, next) >>> available;
            int bytes = (63 - available) >>> 3;
            next += bytes;
            available += bytes << 3;
        } else {
            while (available <= 56) {
                long b = next < buf.length ? buf[next] & 0xFF : 0;
                next++;
                window |= b << (56 - available);
                available += 8;
            }
        }
    }

    /** Reads {@code n} bits, 0 ≤ n ≤ 64, as the lowest bits of the result. */
    long readBits(int n) {
        if (n > 56) {
            long high = readShort(n - 32);
            return high << 32 | readShort(32);
        }
        return readShort(n);
    }

    private long readShort(int n) {
        if (n == 0) {
            return 0;
        }
        if (available < n) {
            refill();
        }
        long v = window >>> (64 - n);
        window <<= n;
        available -= n;
        return v;
    }

    boolean readBit() {
        if (available == 0) {
            refill();
        }
        boolean bit = window < 0;
        window <<= 1;
        available--;
        return bit;
    }

    /**
     * Makes at least {@code bits} bits (at most 56) readable without a refill and returns how many one bits lead
     * them, at most {@code max}; consumes nothing. With {@link #take} a prefix-coded field costs one refill check.
     */
    int peekOnes(int max, int bits) {
        if (available < bits) {
            refill();
        }
        return Math.min(Long.numberOfLeadingZeros(~window), max);
    }

    /**
     * Consumes {@code skip} bits and then returns the next {@code width} as the lowest bits of the result; skip +
     * width must not exceed what the last {@link #peekOnes} made readable.
     */
    long take(int skip, int width) {
        long v = width == 0 ? 0 : (window << skip) >>> (64 - width);
        int n = skip + width;
        window <<= n;
        available -= n;
        return v;
    }
}
