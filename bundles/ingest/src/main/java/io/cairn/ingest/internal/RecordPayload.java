package io.cairn.ingest.internal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * The payload of one write-ahead-log record held in pieces (every piece full but the last), so that a large
 * record is written and checksummed without one array as long as the record; immutable once made.
 */
final class RecordPayload {
    private final byte[][] pieces;
    private final int lastLength;
    private final int length;

    RecordPayload(byte[][] pieces, int lastLength) {
        this.pieces = pieces;
        this.lastLength = lastLength;
        long total = 0;
        for (int i = 0; i < pieces.length; i++) {
            total += pieceLength(i);
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a write-ahead-log record cannot exceed 2 GB");
        }
        this.length = (int) total;
    }

    /** Returns a payload of one array, which it keeps. */
    static RecordPayload of(byte[] bytes) {
        return new RecordPayload(new byte[][] {bytes}, bytes.length);
    }

    /** Returns the number of bytes. */
    int length() {
        return length;
    }

    /** Adds the bytes to a checksum. */
    void updateChecksum(CRC32 crc) {
        for (int i = 0; i < pieces.length; i++) {
            crc.update(pieces[i], 0, pieceLength(i));
        }
    }

    /** Returns new buffers over the pieces, in order, for a gathering write. */
    ByteBuffer[] buffers() {
        ByteBuffer[] buffers = new ByteBuffer[pieces.length];
        for (int i = 0; i < pieces.length; i++) {
            buffers[i] = ByteBuffer.wrap(pieces[i], 0, pieceLength(i));
        }
        return buffers;
    }

    /** Returns the bytes in one new array (for decoding and tests; not on the write path). */
    byte[] toByteArray() {
        byte[] all = new byte[length];
        int at = 0;
        for (int i = 0; i < pieces.length; i++) {
            int n = pieceLength(i);
            System.arraycopy(pieces[i], 0, all, at, n);
            at += n;
        }
        return all;
    }

    private int pieceLength(int i) {
        return i == pieces.length - 1 ? lastLength : pieces[i].length;
    }
}
