package io.cairn.ingest.internal;

/**
 * Estimates the number of lines of a line protocol body from its first chunk and the bytes still available,
 * so that a request's batch arrays can be sized once; only a hint (the arrays still grow when it is short).
 */
final class LineCountEstimate {
    /** The largest estimate given, so that a body of many empty lines cannot make large arrays. */
    static final int MAX_LINES = 100_000;

    private LineCountEstimate() {
    }

    /**
     * Returns the lines expected in a body whose first {@code len} bytes are in {@code chunk} and of which
     * {@code available} more bytes can be read without waiting: exact when the chunk is the whole body, else
     * the chunk's lines scaled to the known length, with a small margin.
     */
    static int lines(byte[] chunk, int len, int available) {
        long lines = 0;
        for (int i = ByteSearch.newline(chunk, 0, len); i < len; i = ByteSearch.newline(chunk, i + 1, len)) {
            lines++;
        }
        if (len > 0 && chunk[len - 1] != '\n') {
            lines++;
        }
        if (available > 0) {
            long scaled = (lines * ((long) len + available) + len - 1) / len;
            lines = scaled + scaled / 32;
        }
        return (int) Math.max(1, Math.min(MAX_LINES, lines));
    }
}
