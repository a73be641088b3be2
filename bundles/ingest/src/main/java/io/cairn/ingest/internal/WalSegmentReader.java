package io.cairn.ingest.internal;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Reads the records of one write-ahead-log segment file in order: each is
 * {@code [int length][int crc32][long sequence][payload]}, the CRC covering sequence and payload.
 * Reading stops at the end of the file or at the first torn or corrupt record.
 */
final class WalSegmentReader implements AutoCloseable {
    static final int HEADER_BYTES = 16;
    static final int MAX_PAYLOAD_BYTES = 512 * 1024 * 1024;

    private final Path file;
    private final DataInputStream in;
    private final long fileSize;
    private long validEnd;
    private long sequence;
    private byte[] payload;
    private String corruption;

    WalSegmentReader(Path file) throws IOException {
        this.file = file;
        this.fileSize = Files.size(file);
        this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    /** Moves to the next valid record; false at the end of the file or at a torn or corrupt record. */
    boolean next() throws IOException {
        if (corruption != null || validEnd == fileSize) {
            return false;
        }
        if (fileSize - validEnd < HEADER_BYTES) {
            return corrupt("torn record header");
        }
        int length;
        int crc;
        long seq;
        try {
            length = in.readInt();
            crc = in.readInt();
            seq = in.readLong();
        } catch (EOFException e) {
            return corrupt("torn record header");
        }
        if (length < 0 || length > MAX_PAYLOAD_BYTES || length > fileSize - validEnd - HEADER_BYTES) {
            return corrupt("record length " + length + " beyond the end of the segment");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        CRC32 check = new CRC32();
        check.update(longBytes(seq));
        check.update(bytes);
        if ((int) check.getValue() != crc) {
            return corrupt("record checksum mismatch");
        }
        sequence = seq;
        payload = bytes;
        validEnd += HEADER_BYTES + length;
        return true;
    }

    private boolean corrupt(String reason) {
        corruption = reason + " at offset " + validEnd + " of " + file.getFileName();
        return false;
    }

    static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }

    /** Returns the sequence number of the current record. */
    long sequence() {
        return sequence;
    }

    /** Returns the payload of the current record. */
    byte[] payload() {
        return payload;
    }

    /** Returns the offset just after the last valid record read. */
    long validEnd() {
        return validEnd;
    }

    /** Returns why reading stopped before the end of the file, or null if it did not. */
    String corruption() {
        return corruption;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
