package io.cairn.query.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations such as {@code 15m}, {@code 1h30m}, {@code 7d}, {@code 2w} or {@code 500ms}. */
final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

    private Durations() {
    }

    /**
     * Returns a duration in nanoseconds: one or more parts of digits and a unit (ms, s, m, h, d, w).
     *
     * @throws IllegalArgumentException when the text is not such a duration or overflows
     */
    static long parseNanos(String text) {
        Matcher m = PART.matcher(text);
        long total = 0;
        int at = 0;
        try {
            while (at < text.length()) {
                if (!m.find(at) || m.start() != at) {
                    throw new IllegalArgumentException("'" + text + "' is not a duration such as 30s, 15m, 1h30m, 7d or 2w");
                }
                long n = Long.parseLong(m.group(1));
                total = Math.addExact(total, Math.multiplyExact(n, unitNanos(m.group(2))));
                at = m.end();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("duration '" + text + "' is too long", e);
        }
        if (at == 0) {
            throw new IllegalArgumentException("a duration must not be empty");
        }
        return total;
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "d" -> 86_400_000_000_000L;
            default -> 604_800_000_000_000L;
        };
    }
}
