package io.cairn.store.clickhouse.internal;

import io.cairn.api.store.StoreUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads ClickHouse's RowBinary output whose rows each start with the byte 1 ({@code SELECT 1, …}): an error the
 * server appends to a response it already started (18.16 does so, as text, after the last whole row) starts with
 * another byte and becomes a {@link StoreUnavailableException}, as does a response cut inside a row.
 */
final class RowBinaryReader implements AutoCloseable {
    private static final int ROW_START = 1;
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;

    RowBinaryReader(InputStream in) {
        this.in = in;
    }

    /** Moves to the next row; false at the end of the response. */
    boolean nextRow() {
        if (!fill(1, true)) {
            return false;
        }
        int first = buffer[position] & 0xff;
        if (first != ROW_START) {
            throw new StoreUnavailableException("ClickHouse failed while sending rows: " + rest());
        }
        position++;
        return true;
    }

    long int64() {
        fill(8, false);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (buffer[position + i] & 0xffL);
        }
        position += 8;
        return v;
    }

    int uint16() {
        fill(2, false);
        int v = (buffer[position] & 0xff) | (buffer[position + 1] & 0xff) << 8;
        position += 2;
        return v;
    }

    double float64() {
        return Double.longBitsToDouble(int64());
    }

    String string() {
        int length = 0;
        for (int shift = 0;; shift += 7) {
            fill(1, false);
            int b = buffer[position++] & 0xff;
            length |= (b & 0x7f) << shift;
            if (b < 0x80) {
                break;
            }
        }
        if (length == 0) {
            return "";
        }
        if (length > buffer.length) {
            byte[] big = new byte[length];
            int have = limit - position;
            System.arraycopy(buffer, position, big, 0, have);
            position = limit;
            readFully(big, have, length - have);
            return new String(big, StandardCharsets.UTF_8);
        }
        fill(length, false);
        String s = new String(buffer, position, length, StandardCharsets.UTF_8);
        position += length;
        return s;
    }

    /** Makes n bytes available; false at a clean end when allowed, else a cut response is unavailability. */
    private boolean fill(int n, boolean endAllowed) {
        if (limit - position >= n) {
            return true;
        }
        System.arraycopy(buffer, position, buffer, 0, limit - position);
        limit -= position;
        position = 0;
        try {
            while (limit < n) {
                int read = in.read(buffer, limit, buffer.length - limit);
                if (read < 0) {
                    if (endAllowed && limit == 0) {
                        return false;
                    }
                    throw new StoreUnavailableException("ClickHouse's response ended inside a row");
                }
                limit += read;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    private void readFully(byte[] into, int offset, int length) {
        try {
            int done = in.readNBytes(into, offset, length);
            if (done < length) {
                throw new StoreUnavailableException("ClickHouse's response ended inside a row");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String rest() {
        StringBuilder text = new StringBuilder(new String(buffer, position, limit - position, StandardCharsets.UTF_8));
        try {
            byte[] more = in.readNBytes(4096);
            text.append(new String(more, StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the text so far says enough
        }
        return text.toString().strip();
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
