package io.cairn.query.internal.sql;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads interval texts such as {@code '1 hour'}, {@code '5 minutes'} or {@code '30s'} as milliseconds. */
final class Intervals {
    private static final Pattern TEXT = Pattern.compile("\\s*(\\d{1,12})\\s*([a-z]+)\\s*");
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("ms", 1L), Map.entry("millisecond", 1L), Map.entry("milliseconds", 1L),
            Map.entry("s", 1_000L), Map.entry("sec", 1_000L), Map.entry("secs", 1_000L),
            Map.entry("second", 1_000L), Map.entry("seconds", 1_000L),
            Map.entry("m", 60_000L), Map.entry("min", 60_000L), Map.entry("mins", 60_000L),
            Map.entry("minute", 60_000L), Map.entry("minutes", 60_000L),
            Map.entry("h", 3_600_000L), Map.entry("hour", 3_600_000L), Map.entry("hours", 3_600_000L),
            Map.entry("d", 86_400_000L), Map.entry("day", 86_400_000L), Map.entry("days", 86_400_000L),
            Map.entry("w", 604_800_000L), Map.entry("week", 604_800_000L), Map.entry("weeks", 604_800_000L));

    private Intervals() {
    }

    /**
     * Returns the length of an interval text in milliseconds.
     *
     * @throws InvalidSqlException for a text that is not a positive count and a known unit
     */
    static long parseMillis(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
        Long unit = m.matches() ? UNITS.get(m.group(2)) : null;
        if (unit == null) {
            throw new InvalidSqlException("'" + text + "' is not an interval like '1 hour', '5 minutes' or '30s'");
        }
        long millis = Long.parseLong(m.group(1)) * unit;
        if (millis <= 0) {
            throw new InvalidSqlException("an interval must be longer than zero, not '" + text + "'");
        }
        return millis;
    }
}
