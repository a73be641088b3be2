package io.cairn.ingest.internal;

import static io.cairn.ingest.internal.ByteArrayViews.BIG_ENDIAN_INTS;
import static io.cairn.ingest.internal.ByteArrayViews.BIG_ENDIAN_LONGS;
import static io.cairn.ingest.internal.ByteArrayViews.BIG_ENDIAN_SHORTS;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the values of a MessagePack column array straight from the payload's bytes (integers, floats,
 * booleans, nil and strings, the strings through a shared cache), without a call into the general unpacker
 * per value. It stops before the first value it leaves to the general reader — any other type, a value cut
 * off by the end of the payload, an unsigned integer above 2^63-1, a string too long or not UTF-8 — so that
 * reader meets and reports every problem exactly as before. Not thread safe.
 */
final class MsgpackColumnDecoder {
    private final byte[] bytes;
    private final int end;
    private final LocalStringTable strings;
    private final int maxString;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private int pos;

    /** Decodes from {@code bytes}, the whole payload; strings longer than {@code maxString} bytes are left alone. */
    MsgpackColumnDecoder(byte[] bytes, LocalStringTable strings, int maxString) {
        this.bytes = bytes;
        this.end = bytes.length;
        this.strings = strings;
        this.maxString = maxString;
    }

    /** Returns the offset of the next value to read. */
    int position() {
        return pos;
    }

    /**
     * Decodes up to {@code n} values from {@code at} into a column; returns how many it decoded, the
     * {@link #position()} then being the offset of the first value it did not.
     */
    int decode(int at, MsgpackColumn column, int n) {
        pos = at;
        for (int i = 0; i < n;) {
            if (pos >= end) {
                return i;
            }
            int b = bytes[pos] & 0xff;
            int run = b == 0xca || b == 0xcb ? doubles(column, n - i) : integerHead(b) ? longs(column, n - i) : 0;
            if (run > 0) {
                i += run;
            } else if (value(column, b)) {
                i++;
            } else {
                return i;
            }
        }
        return n;
    }

    private static boolean integerHead(int b) {
        return b <= 0x7f || b >= 0xe0 || b >= 0xcc && b <= 0xd3;
    }

    /** Decodes a run of integers (up to {@code most}) straight into the column's array; returns how many. */
    private int longs(MsgpackColumn c, int most) {
        long[] a = c.longRoom(Math.min(most, end - pos));
        if (a == null) {
            return 0;
        }
        int k = c.size();
        int start = k;
        int last = k + Math.min(most, end - pos);
        while (k < last && pos < end) {
            int b = bytes[pos];
            if (b >= -32) {
                a[k++] = b;
                pos++;
                continue;
            }
            int width = integerWidth(b & 0xff);
            if (width == 0 || width > end - pos || !fitsLong(b & 0xff)) {
                break;
            }
            a[k++] = integerAt(b & 0xff);
            pos += width;
        }
        c.appended(k - start);
        return k - start;
    }

    /** Returns the bytes an integer with this head takes (fixints aside), or 0 if the head is no integer's. */
    private static int integerWidth(int head) {
        return switch (head) {
            case 0xcc, 0xd0 -> 2;
            case 0xcd, 0xd1 -> 3;
            case 0xce, 0xd2 -> 5;
            case 0xcf, 0xd3 -> 9;
            default -> 0;
        };
    }

    /** Returns the integer at {@link #pos} with this head, whose bytes are all there. */
    private long integerAt(int head) {
        return switch (head) {
            case 0xcc -> bytes[pos + 1] & 0xffL;
            case 0xcd -> (short) BIG_ENDIAN_SHORTS.get(bytes, pos + 1) & 0xffffL;
            case 0xce -> (int) BIG_ENDIAN_INTS.get(bytes, pos + 1) & 0xffffffffL;
            case 0xd0 -> bytes[pos + 1];
            case 0xd1 -> (short) BIG_ENDIAN_SHORTS.get(bytes, pos + 1);
            case 0xd2 -> (int) BIG_ENDIAN_INTS.get(bytes, pos + 1);
            default -> (long) BIG_ENDIAN_LONGS.get(bytes, pos + 1);
        };
    }

    /** Returns whether the integer at {@link #pos} fits a signed long (only an unsigned 64-bit one may not). */
    private boolean fitsLong(int head) {
        return head != 0xcf || (long) BIG_ENDIAN_LONGS.get(bytes, pos + 1) >= 0;
    }

    /** Decodes a run of floats (up to {@code most}) straight into the column's array; returns how many. */
    private int doubles(MsgpackColumn c, int most) {
        double[] a = c.doubleRoom(Math.min(most, (end - pos) / 5));
        if (a == null) {
            return 0;
        }
        int k = c.size();
        int start = k;
        int last = k + Math.min(most, (end - pos) / 5);
        while (k < last && pos < end) {
            int b = bytes[pos] & 0xff;
            if (b == 0xcb && end - pos >= 9) {
                a[k++] = Double.longBitsToDouble((long) BIG_ENDIAN_LONGS.get(bytes, pos + 1));
                pos += 9;
            } else if (b == 0xca && end - pos >= 5) {
                a[k++] = Float.intBitsToFloat((int) BIG_ENDIAN_INTS.get(bytes, pos + 1));
                pos += 5;
            } else {
                break;
            }
        }
        c.appended(k - start);
        return k - start;
    }

    private boolean value(MsgpackColumn c, int b) {
        if (b <= 0x7f) {
            c.addLong(b);
            pos++;
            return true;
        }
        if (b >= 0xe0) {
            c.addLong((byte) b);
            pos++;
            return true;
        }
        if (b >= 0xa0 && b <= 0xbf) {
            return string(c, 1, b & 0x1f);
        }
        return switch (b) {
            case 0xc0 -> {
                c.addNil();
                pos++;
                yield true;
            }
            case 0xc2, 0xc3 -> {
                c.addBoolean(b == 0xc3);
                pos++;
                yield true;
            }
            case 0xcc, 0xcd, 0xce, 0xcf, 0xd0, 0xd1, 0xd2, 0xd3 -> has(integerWidth(b)) && fitsLong(b)
                    && integer(c, integerWidth(b), integerAt(b));
            case 0xca -> has(5) && floating(c, 5, Float.intBitsToFloat((int) BIG_ENDIAN_INTS.get(bytes, pos + 1)));
            case 0xcb -> has(9) && floating(c, 9, Double.longBitsToDouble((long) BIG_ENDIAN_LONGS.get(bytes, pos + 1)));
            case 0xd9 -> has(2) && string(c, 2, bytes[pos + 1] & 0xff);
            case 0xda -> has(3) && string(c, 3, (short) BIG_ENDIAN_SHORTS.get(bytes, pos + 1) & 0xffff);
            case 0xdb -> has(5) && string(c, 5, (int) BIG_ENDIAN_INTS.get(bytes, pos + 1));
            default -> false;
        };
    }

    private boolean has(int n) {
        return end - pos >= n;
    }

    private boolean integer(MsgpackColumn c, int width, long v) {
        c.addLong(v);
        pos += width;
        return true;
    }

    private boolean floating(MsgpackColumn c, int width, double v) {
        c.addDouble(v);
        pos += width;
        return true;
    }

    private boolean string(MsgpackColumn c, int header, int length) {
        int from = pos + header;
        if (length < 0 || length > maxString || length > end - from) {
            return false;
        }
        String s = strings.get(bytes, from, length);
        if (s == null) {
            try {
                s = utf8.decode(ByteBuffer.wrap(bytes, from, length)).toString();
            } catch (CharacterCodingException e) {
                return false;
            }
            strings.put(bytes, from, length, s);
        }
        c.addString(s);
        pos = from + length;
        return true;
    }
}
