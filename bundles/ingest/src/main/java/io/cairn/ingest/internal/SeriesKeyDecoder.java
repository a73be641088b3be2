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
    private final PreviousLineKeys<String> keys = new PreviousLineKeys<>();

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
            boolean known = n < keys.count() && eq - pos == keys.length(n) && keys.startsWith(n, b, pos);
            String key = known ? keys.value(n) : tokens.name(b, pos, eq, "tag key");
            String value = tokens.tagValue(b, eq + 1, end, key);
            if (key.equals("time")) {
                throw new LineError(LineRejection.INVALID_NAME, "'time' cannot be a tag key");
            }
            if (key.length() > limits.maxDimensionKeyLength() || value.length() > limits.maxDimensionValueLength()) {
                throw new LineError(LineRejection.LIMIT_EXCEEDED, "tag '" + key + "' is longer than allowed ("
                        + limits.maxDimensionKeyLength() + " for keys, " + limits.maxDimensionValueLength() + " for values)");
            }
            if (!known) {
                keys.record(n, b, pos, eq, key);
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

    /** Returns the first position from {@code from} holding an unescaped {@code a} or {@code b}, else {@code to}. */
    private static int scan(byte[] buf, int from, int to, byte a, byte b) {
        int i = from;
        while (i < to && buf[i] != a && buf[i] != b) {
            i += buf[i] == '\\' ? 2 : 1;
        }
        return Math.min(i, to);
    }
}
