package io.cairn.store.clickhouse.internal;

import io.cairn.api.store.StoreUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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
        long length = 0;
        for (int shift = 0;; shift += 7) {
            if (shift > 28) {
                throw corrupt("a string length of more than five bytes");
            }
            fill(1, false);
            int b = buffer[position++] & 0xff;
            length |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                break;
            }
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw corrupt("a string length of " + length + " bytes");
        }
        int n = (int) length;
        if (n == 0) {
            return "";
        }
        if (n > buffer.length) {
            int have = limit - position;
            byte[] head = Arrays.copyOfRange(buffer, position, limit);
            position = limit;
            byte[] tail = readUpTo(n - have); // grows as bytes come: a wrong length cannot allocate it all at once
            byte[] big = new byte[n];
            System.arraycopy(head, 0, big, 0, have);
            System.arraycopy(tail, 0, big, have, tail.length);
            return new String(big, StandardCharsets.UTF_8);
        }
        fill(n, false);
        String s = new String(buffer, position, n, StandardCharsets.UTF_8);
        position += n;
        return s;
    }

    private static StoreUnavailableException corrupt(String what) {
        return new StoreUnavailableException("ClickHouse's response is corrupt: " + what);
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

    private byte[] readUpTo(int length) {
        try {
            byte[] read = in.readNBytes(length);
            if (read.length < length) {
                throw new StoreUnavailableException("ClickHouse's response ended inside a row");
            }
            return read;
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
