package io.cairn.store.clickhouse.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes values in ClickHouse's RowBinary encoding (little-endian numbers, length-prefixed UTF-8) through a buffer. */
final class RowBinaryWriter {
    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private int position;

    RowBinaryWriter(OutputStream out) {
        this.out = out;
    }

    /** Returns the UTF-8 bytes of a string with their length prefix, to write many times. */
    static byte[] encodedString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[utf8.length + 5];
        int n = varint(out, 0, utf8.length);
        System.arraycopy(utf8, 0, out, n, utf8.length);
        return java.util.Arrays.copyOf(out, n + utf8.length);
    }

    void writeEncoded(byte[] encoded) throws IOException {
        if (encoded.length > buffer.length - position) {
            flush();
            if (encoded.length > buffer.length) {
                out.write(encoded);
                return;
            }
        }
        System.arraycopy(encoded, 0, buffer, position, encoded.length);
        position += encoded.length;
    }

    void writeString(String s) throws IOException {
        writeEncoded(encodedString(s));
    }

    void writeInt64(long v) throws IOException {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buffer[position++] = (byte) (v >>> (8 * i));
        }
    }

    void writeFloat64(double v) throws IOException {
        writeInt64(Double.doubleToRawLongBits(v));
    }

    void flush() throws IOException {
        out.write(buffer, 0, position);
        position = 0;
    }

    private void ensure(int bytes) throws IOException {
        if (buffer.length - position < bytes) {
            flush();
        }
    }

    private static int varint(byte[] out, int at, int value) {
        int n = at;
        while ((value & ~0x7F) != 0) {
            out[n++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[n++] = (byte) value;
        return n - at;
    }
}
