package io.cairn.ingest.internal;

import java.util.Locale;

/** The unit of line protocol timestamps, chosen by the {@code precision} query parameter. */
enum Precision {
    NANOSECONDS(1L), MICROSECONDS(1_000L), MILLISECONDS(1_000_000L), SECONDS(1_000_000_000L),
    MINUTES(60_000_000_000L), HOURS(3_600_000_000_000L);

    private final long nanos;

    Precision(long nanos) {
        this.nanos = nanos;
    }

    /** Returns the nanoseconds in one unit. */
    long nanos() {
        return nanos;
    }

    /**
     * Returns the precision a parameter names (ns, n, us, u, µs, ms, s, and InfluxDB 1.x's m and h;
     * absent or empty means ns), or null when it names none.
     */
    static Precision of(String parameter) {
        if (parameter == null || parameter.isEmpty()) {
            return NANOSECONDS;
        }
        return switch (parameter.toLowerCase(Locale.ROOT)) {
            case "ns", "n" -> NANOSECONDS;
            case "us", "u", "µs" -> MICROSECONDS;
            case "ms" -> MILLISECONDS;
            case "s" -> SECONDS;
            case "m" -> MINUTES;
            case "h" -> HOURS;
            default -> null;
        };
    }
}
