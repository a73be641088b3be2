package io.cairn.ingest.internal;

import static io.cairn.ingest.internal.ByteArrayViews.BIG_ENDIAN_INTS;
import static io.cairn.ingest.internal.ByteArrayViews.BIG_ENDIAN_LONGS;

import java.util.ArrayList;
import java.util.List;

/**
 * Bytes written in the byte order of {@link java.io.DataOutputStream} without its per-call stream and lock
 * overhead, into pieces of at most {@link #PIECE} bytes: the write-ahead-log record encoding writes millions of
 * values through it, and a record of a large request must not need one array the collector treats as humongous
 * (half a G1 region, 512 KB with a 2 GB heap). Not thread safe.
 */
final class BigEndianBytes {
    /** The largest piece, well under half of the smallest G1 region (1 MB). */
    static final int PIECE = 128 << 10;
    private static final int MIN_PIECE = 4 << 10;

    private final List<byte[]> full = new ArrayList<>();
    private final long expectedSize;
    private long fullBytes;
    private byte[] current;
    private int pos;

    /** Starts empty; {@code expectedSize} sizes the pieces so a small record takes one small array. */
    BigEndianBytes(long expectedSize) {
        this.expectedSize = expectedSize;
        current = new byte[(int) Math.max(16, Math.min(PIECE, expectedSize))];
    }

    private void nextPiece() {
        full.add(current);
        fullBytes += current.length;
        if (fullBytes > Integer.MAX_VALUE - PIECE) {
            throw new IllegalArgumentException("a write-ahead-log record cannot exceed 2 GB");
        }
        current = new byte[(int) Math.max(MIN_PIECE, Math.min(PIECE, expectedSize - fullBytes))];
        pos = 0;
    }

    void writeByte(int v) {
        if (pos == current.length) {
            nextPiece();
        }
        current[pos++] = (byte) v;
    }

    /** Puts an int into an array at {@code pos}, big-endian. */
    static void putInt(byte[] bytes, int pos, int v) {
        BIG_ENDIAN_INTS.set(bytes, pos, v);
    }

    void writeInt(int v) {
        if (current.length - pos >= 4) {
            BIG_ENDIAN_INTS.set(current, pos, v);
            pos += 4;
        } else {
            for (int shift = 24; shift >= 0; shift -= 8) {
                writeByte(v >>> shift);
            }
        }
    }

    void writeLong(long v) {
        if (current.length - pos >= 8) {
            BIG_ENDIAN_LONGS.set(current, pos, v);
            pos += 8;
        } else {
            writeInt((int) (v >>> 32));
            writeInt((int) v);
        }
    }

    void write(byte[] b) {
        int from = 0;
        while (from < b.length) {
            if (pos == current.length) {
                nextPiece();
            }
            int n = Math.min(b.length - from, current.length - pos);
            System.arraycopy(b, from, current, pos, n);
            pos += n;
            from += n;
        }
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
        writeInt(n);
        if (current.length - pos >= n) {
            for (int i = 0; i < n; i++) {
                current[pos + i] = (byte) s.charAt(i);
            }
            pos += n;
        } else {
            for (int i = 0; i < n; i++) {
                writeByte(s.charAt(i));
            }
        }
        return true;
    }

    /** Returns the bytes written as a record payload; nothing may be written afterwards. */
    RecordPayload toPayload() {
        byte[][] pieces = full.toArray(new byte[full.size() + 1][]);
        pieces[full.size()] = current;
        return new RecordPayload(pieces, pos);
    }
}
