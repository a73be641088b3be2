package io.cairn.ingest.internal;

import static io.cairn.ingest.internal.ByteArrayViews.LITTLE_ENDIAN_LONGS;

import io.cairn.ingest.internal.LineTokens.LineError;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses the scalar values of a line protocol line straight from the request bytes: integers, unsigned integers,
 * floats, booleans and timestamps. Failures are {@link LineError}s. Not thread safe.
 */
final class ScalarTokens {
    private long digitsValue;
    private long lastInteger;

    /**
     * Parses a decimal integer of {@code [from, to)}, optionally negative, refusing values outside
     * the signed 64-bit range.
     */
    long integer(byte[] b, int from, int to, String what) throws LineError {
        boolean negative = from < to && b[from] == '-';
        int i = negative ? from + 1 : from;
        if (i == to) {
            throw new LineError(LineRejection.INVALID_VALUE, what + " has no digits");
        }
        int stop = digits(b, i, to);
        if (stop < to && (b[stop] < '0' || b[stop] > '9')) {
            throw new LineError(LineRejection.INVALID_VALUE, what + " '" + LineTokens.show(b, from, to)
                    + "' is not an integer");
        }
        if (stop < to || !negative && digitsValue == Long.MIN_VALUE) {
            throw new LineError(LineRejection.INVALID_VALUE, what + " '" + LineTokens.show(b, from, to)
                    + "' is outside the 64-bit integer range");
        }
        return negative ? digitsValue : -digitsValue;
    }

    /**
     * Takes an integer field value {@code -?digits i} at {@code from} followed by {@code ','}, {@code ' '} or
     * {@code to}, returning the position after its {@code i} and keeping its value for {@link #lastInteger}; returns
     * -1 for anything else (a value out of range too), which the caller then reads the general way.
     */
    int integerField(byte[] b, int from, int to) {
        boolean negative = from < to && b[from] == '-';
        int i = negative ? from + 1 : from;
        int stop = digits(b, i, to);
        if (stop == i || stop >= to || b[stop] != 'i' || stop + 1 < to && b[stop + 1] != ',' && b[stop + 1] != ' '
                || !negative && digitsValue == Long.MIN_VALUE) {
            return -1;
        }
        lastInteger = negative ? digitsValue : -digitsValue;
        return stop + 1;
    }

    /** Returns the value of the integer field value {@link #integerField} took last. */
    long lastInteger() {
        return lastInteger;
    }

    /**
     * Reads decimal digits from {@code from} up to {@code to}, stopping at the first byte that is not a digit or at
     * the digit that would take the value below {@link Long#MIN_VALUE}; returns where it stopped and keeps the
     * value read, negated, in {@link #digitsValue}.
     */
    private int digits(byte[] b, int from, int to) {
        int i = from;
        long v = 0;
        int safe = Math.min(to, i + 18);
        for (long w; i + 8 <= safe && eightDigits(w = (long) LITTLE_ENDIAN_LONGS.get(b, i)); i += 8) {
            v = v * 100_000_000 - valueOfEightDigits(w);
        }
        for (int d; i < safe && (d = b[i] - '0') >= 0 && d <= 9; i++) {
            v = v * 10 - d;
        }
        if (i == safe) {
            for (int d; i < to && (d = b[i] - '0') >= 0 && d <= 9 && v >= (Long.MIN_VALUE + d) / 10; i++) {
                v = v * 10 - d;
            }
        }
        digitsValue = v;
        return i;
    }

    /** Returns whether the eight bytes of a little-endian word are all ASCII digits. */
    private static boolean eightDigits(long w) {
        return ((w & 0xF0F0F0F0F0F0F0F0L) | (((w + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4))
                == 0x3333333333333333L;
    }

    /** Returns the value of eight ASCII digits read as a little-endian word (the first digit the most significant). */
    private static long valueOfEightDigits(long w) {
        w = (w & 0x0F0F0F0F0F0F0F0FL) * 2561 >>> 8;
        w = (w & 0x00FF00FF00FF00FFL) * 6553601 >>> 16;
        return (w & 0x0000FFFF0000FFFFL) * 42949672960001L >>> 32;
    }

    /**
     * Parses the optional timestamp from {@code pos} (after the field set) in units of
     * {@code unitNanos}; returns {@code defaultNanos} when there is none.
     */
    long timestamp(byte[] b, int pos, int to, long unitNanos, long defaultNanos) throws LineError {
        while (pos < to && b[pos] == ' ') {
            pos++;
        }
        if (pos == to) {
            return defaultNanos;
        }
        int end = pos;
        while (end < to && b[end] != ' ') {
            end++;
        }
        for (int i = end; i < to; i++) {
            if (b[i] != ' ') {
                throw new LineError(LineRejection.INVALID_LINE, "unexpected text after the timestamp");
            }
        }
        long raw;
        try {
            raw = integer(b, pos, end, "timestamp");
        } catch (LineError e) {
            throw new LineError(LineRejection.INVALID_TIMESTAMP, e.getMessage());
        }
        try {
            return Math.multiplyExact(raw, unitNanos);
        } catch (ArithmeticException e) {
            throw new LineError(LineRejection.INVALID_TIMESTAMP, "timestamp " + raw
                    + " is outside the range of 64-bit nanoseconds at this precision");
        }
    }

    /** Parses an unsigned integer, which must not exceed Long.MAX_VALUE as Cairn stores it as INTEGER. */
    long unsigned(byte[] b, int from, int to, String what) throws LineError {
        if (from < to && b[from] == '-') {
            throw new LineError(LineRejection.INVALID_VALUE, what + " '" + LineTokens.show(b, from, to) + "u' is a negative unsigned integer");
        }
        try {
            return integer(b, from, to, what);
        } catch (LineError e) {
            if (e.getMessage().endsWith("range")) {
                throw new LineError(LineRejection.INVALID_VALUE, what + " '" + LineTokens.show(b, from, to)
                        + "u' is larger than 9223372036854775807, the largest unsigned value Cairn stores (as INTEGER)");
            }
            throw e;
        }
    }

    /**
     * Parses a float: {@code -?digits[.digits][e[+-]digits]} (also {@code .5} and {@code 5.}), finite. At most 15
     * digits scaled by at most 22 powers of ten are one exact division or multiplication of exact doubles, so
     * correctly rounded as {@link Double#parseDouble} would (Clinger's fast path); anything else goes to it.
     */
    static double floating(byte[] b, int from, int to, String what) throws LineError {
        int i = from;
        boolean negative = i < to && b[i] == '-';
        if (i < to && (b[i] == '-' || b[i] == '+')) {
            i++;
        }
        int digits = 0;
        int fraction = 0;
        long mantissa = 0;
        for (; i < to && b[i] >= '0' && b[i] <= '9'; i++, digits++) {
            mantissa = mantissa * 10 + (b[i] - '0');
        }
        if (i < to && b[i] == '.') {
            for (i++; i < to && b[i] >= '0' && b[i] <= '9'; i++, digits++, fraction++) {
                mantissa = mantissa * 10 + (b[i] - '0');
            }
        }
        int exponent = 0;
        if (digits > 0 && i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean down = i < to && b[i] == '-';
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                i++;
            }
            int exp = 0;
            for (; i < to && b[i] >= '0' && b[i] <= '9'; i++, exp++) {
                exponent = exponent < 100_000 ? exponent * 10 + (b[i] - '0') : exponent;
            }
            exponent = down ? -exponent : exponent;
            digits = exp == 0 ? 0 : digits;
        }
        if (digits == 0 || i != to) {
            throw new LineError(LineRejection.INVALID_VALUE, what + " '" + LineTokens.show(b, from, to)
                    + "' is not a number, boolean, or quoted string");
        }
        int scale = exponent - fraction;
        if (digits <= 15 && scale >= -22 && scale <= 22) {
            double v = scale < 0 ? mantissa / POWERS_OF_TEN[-scale] : mantissa * POWERS_OF_TEN[scale];
            return negative ? -v : v;
        }
        double v = Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
        if (Double.isInfinite(v)) {
            throw new LineError(LineRejection.INVALID_VALUE, what + " '" + LineTokens.show(b, from, to) + "' is out of the float range");
        }
        return v;
    }

    /** The powers of ten that doubles hold exactly: 1e0 to 1e22. */
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /** Returns 1 for a true literal, 0 for a false literal, -1 otherwise. */
    static int bool(byte[] b, int from, int to) {
        byte first = b[from];
        if (first != 't' && first != 'T' && first != 'f' && first != 'F') {
            return -1;
        }
        int len = to - from;
        if (len == 1) {
            return first == 't' || first == 'T' ? 1 : 0;
        }
        for (int value = 0; value < 2; value++) {
            for (byte[] word : BOOLEANS[value]) {
                if (word.length == len && Arrays.equals(b, from, to, word, 0, len)) {
                    return 1 - value;
                }
            }
        }
        return -1;
    }

    private static final byte[][][] BOOLEANS = {
        {"true".getBytes(StandardCharsets.US_ASCII), "True".getBytes(StandardCharsets.US_ASCII),
            "TRUE".getBytes(StandardCharsets.US_ASCII)},
        {"false".getBytes(StandardCharsets.US_ASCII), "False".getBytes(StandardCharsets.US_ASCII),
            "FALSE".getBytes(StandardCharsets.US_ASCII)}};
}
