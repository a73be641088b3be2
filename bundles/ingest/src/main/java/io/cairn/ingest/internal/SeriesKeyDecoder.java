package io.cairn.ingest.internal;

import io.cairn.api.model.Tags;
import io.cairn.ingest.internal.LineProtocolParser.SeriesKey;
import io.cairn.ingest.internal.LineTokens.LineError;
import java.util.Arrays;

/**
 * Decodes and checks the series key of a line protocol line (measurement and tag set) from the request bytes. A tag
 * key with the raw bytes of the previous decoded line's key at the same position reuses that key's string, and tags
 * sent in key order (as writers usually send them) become a {@link Tags} without sorting. Not thread safe.
 */
final class SeriesKeyDecoder {
    private final LineTokens tokens;
    private final ValidationLimits limits;
    private String[] pairs = new String[16];
    private byte[][] keyBytes = new byte[8][];
    private int[] keyLengths = new int[8];
    private String[] keys = new String[8];
    private int keyCount;

    SeriesKeyDecoder(LineTokens tokens, ValidationLimits limits) {
        this.tokens = tokens;
        this.limits = limits;
    }

    /** Decodes the series key {@code [from, to)}, the part of a line before its first unescaped space. */
    SeriesKey decode(byte[] b, int from, int to) throws LineError {
        int end = scan(b, from, to, (byte) ',', (byte) ',');
        String measurement = tokens.name(b, from, end, "measurement");
        if (measurement.length() > limits.maxNameLength()) {
            throw new LineError(LineRejection.LIMIT_EXCEEDED, "measurement is longer than " + limits.maxNameLength());
        }
        int n = 0;
        boolean sorted = true;
        for (int pos = end + 1; end < to; pos = end + 1) {
            int eq = scan(b, pos, to, (byte) '=', (byte) ',');
            if (eq == to || b[eq] != '=') {
                throw new LineError(LineRejection.INVALID_LINE, "tag '" + LineTokens.show(b, pos, eq) + "' has no '='");
            }
            end = scan(b, eq + 1, to, (byte) ',', (byte) '=');
            if (end < to && b[end] == '=') {
                throw new LineError(LineRejection.INVALID_LINE, "unescaped '=' in the value of tag '"
                        + LineTokens.show(b, pos, eq) + "'");
            }
            boolean known = n < keyCount && eq - pos == keyLengths[n]
                    && ByteRangeCache.sameBytes(keyBytes[n], 0, b, pos, eq - pos);
            String key = known ? keys[n] : tokens.name(b, pos, eq, "tag key");
            String value = tokens.tagValue(b, eq + 1, end, key);
            if (key.equals("time")) {
                throw new LineError(LineRejection.INVALID_NAME, "'time' cannot be a tag key");
            }
            if (key.length() > limits.maxDimensionKeyLength() || value.length() > limits.maxDimensionValueLength()) {
                throw new LineError(LineRejection.LIMIT_EXCEEDED, "tag '" + key + "' is longer than allowed ("
                        + limits.maxDimensionKeyLength() + " for keys, " + limits.maxDimensionValueLength() + " for values)");
            }
            if (!known) {
                remember(n, b, pos, eq, key);
            }
            sorted &= n == 0 || pairs[2 * n - 2].compareTo(key) < 0;
            add(n++, key, value);
        }
        Tags set = sorted ? Tags.of(new SortedTagPairs(pairs, n)) : Tags.of(Arrays.copyOf(pairs, 2 * n));
        if (set.size() > limits.maxDimensions()) {
            throw new LineError(LineRejection.LIMIT_EXCEEDED, "more than " + limits.maxDimensions() + " tags");
        }
        return new SeriesKey(measurement, set);
    }

    private void add(int n, String key, String value) {
        if (2 * n + 2 > pairs.length) {
            pairs = Arrays.copyOf(pairs, pairs.length * 2);
        }
        pairs[2 * n] = key;
        pairs[2 * n + 1] = value;
    }

    /** Remembers the raw bytes of the {@code n}-th tag key of a line and its checked string. */
    private void remember(int n, byte[] b, int from, int to, String key) {
        if (n == keys.length) {
            keyBytes = Arrays.copyOf(keyBytes, n * 2);
            keyLengths = Arrays.copyOf(keyLengths, n * 2);
            keys = Arrays.copyOf(keys, n * 2);
        }
        int len = to - from;
        if (keyBytes[n] == null || keyBytes[n].length < len) {
            keyBytes[n] = new byte[Math.max(len, 16)];
        }
        System.arraycopy(b, from, keyBytes[n], 0, len);
        keyLengths[n] = len;
        keys[n] = key;
        keyCount = Math.max(keyCount, n + 1);
    }

    /** Returns the first position from {@code from} holding an unescaped {@code a} or {@code b}, else {@code to}. */
    private static int scan(byte[] buf, int from, int to, byte a, byte b) {
        int i = from;
        while (i < to && buf[i] != a && buf[i] != b) {
            i += buf[i] == '\\' ? 2 : 1;
        }
        return Math.min(i, to);
    }
}
