package io.cairn.ingest.internal;

import static io.cairn.ingest.internal.ByteArrayViews.LITTLE_ENDIAN_LONGS;

/**
 * Finds the line protocol's delimiters in request bytes eight bytes at a time (a word compare per
 * delimiter instead of a branch per byte), honouring backslash escapes where the format has them.
 */
final class ByteSearch {
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = '\n' * ONES;
    private static final long SPACES = ' ' * ONES;
    private static final long COMMAS = ',' * ONES;
    private static final long EQUALS = '=' * ONES;
    private static final long BACKSLASHES = '\\' * ONES;

    private ByteSearch() {
    }

    /** Returns the position of the first newline in {@code [from, to)}, else {@code to}. */
    static int newline(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long m = equal((long) LITTLE_ENDIAN_LONGS.get(b, i), NEWLINES);
            if (m != 0) {
                return i + (Long.numberOfTrailingZeros(m) >>> 3);
            }
        }
        while (i < to && b[i] != '\n') {
            i++;
        }
        return i;
    }

    /**
     * Returns the position of the first space from {@code from} not escaped by a backslash (which skips the
     * byte after it): {@code to} if there is none, or {@code to + 1} when the last byte is a lone backslash.
     */
    static int unescapedSpace(byte[] b, int from, int to) {
        int i = from;
        while (i + 8 <= to) {
            long w = (long) LITTLE_ENDIAN_LONGS.get(b, i);
            long m = equal(w, SPACES) | equal(w, BACKSLASHES);
            if (m == 0) {
                i += 8;
                continue;
            }
            int j = i + (Long.numberOfTrailingZeros(m) >>> 3);
            if (b[j] == ' ') {
                return j;
            }
            i = j + 2;
        }
        while (i < to && b[i] != ' ') {
            i += b[i] == '\\' ? 2 : 1;
        }
        return i;
    }

    /** Returns the position of the first unescaped '=', ',' or space from {@code from}, as {@link #unescapedSpace} does. */
    static int keyEnd(byte[] b, int from, int to) {
        int i = from;
        while (i + 8 <= to) {
            long w = (long) LITTLE_ENDIAN_LONGS.get(b, i);
            long m = equal(w, EQUALS) | equal(w, COMMAS) | equal(w, SPACES) | equal(w, BACKSLASHES);
            if (m == 0) {
                i += 8;
                continue;
            }
            int j = i + (Long.numberOfTrailingZeros(m) >>> 3);
            if (b[j] != '\\') {
                return j;
            }
            i = j + 2;
        }
        while (i < to && b[i] != '=' && b[i] != ',' && b[i] != ' ') {
            i += b[i] == '\\' ? 2 : 1;
        }
        return i;
    }

    /** Returns a word with bit 7 set in the lowest byte of {@code word} equal to {@code pattern}'s (higher bits may be spurious). */
    private static long equal(long word, long pattern) {
        long x = word ^ pattern;
        return (x - ONES) & ~x & HIGHS;
    }
}
