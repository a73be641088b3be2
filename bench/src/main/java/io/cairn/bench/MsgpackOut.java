package io.cairn.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes the few MessagePack types the columnar benchmark needs: maps, arrays, strings and integers. */
final class MsgpackOut {
    private final ByteArrayOutputStream out;

    MsgpackOut(int capacity) {
        out = new ByteArrayOutputStream(capacity);
    }

    MsgpackOut map(int entries) {
        return header(entries, 0x80, 15, 0xde, 0xdf);
    }

    MsgpackOut array(int items) {
        return header(items, 0x90, 15, 0xdc, 0xdd);
    }

    MsgpackOut str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length < 32) {
            out.write(0xa0 | b.length);
        } else if (b.length < 256) {
            out.write(0xd9);
            out.write(b.length);
        } else {
            out.write(0xda);
            big(b.length, 2);
        }
        out.write(b, 0, b.length);
        return this;
    }

    MsgpackOut integer(long v) {
        if (v >= 0 && v < 128) {
            out.write((int) v);
        } else {
            out.write(0xd3);
            big(v, 8);
        }
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private MsgpackOut header(int n, int fix, int fixMax, int sixteen, int thirtyTwo) {
        if (n <= fixMax) {
            out.write(fix | n);
        } else if (n < 65_536) {
            out.write(sixteen);
            big(n, 2);
        } else {
            out.write(thirtyTwo);
            big(n, 4);
        }
        return this;
    }

    private void big(long v, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }
}
