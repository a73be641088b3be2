package io.cairn.query.internal.sql;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * The scalar time functions of Cairn's SQL, over Calcite's internal representation of a
 * TIMESTAMP (UTC milliseconds since the epoch). Called by generated code.
 */
public final class TimeFunctions {
    /** The name of the bucketing function, which the aggregate push-down recognises. */
    static final String TIME_BUCKET = "time_bucket";
    private static final ThreadLocal<int[]> CLOCK_READS = ThreadLocal.withInitial(() -> new int[1]);

    private static volatile ParsedInterval lastInterval = new ParsedInterval("1 hour", 3_600_000L);

    private record ParsedInterval(String text, long millis) {
    }

    private TimeFunctions() {
    }

    /** {@code time_bucket('5 minutes', time)}: the start of the bucket, aligned to the epoch. */
    public static long timeBucket(String interval, long time) {
        ParsedInterval last = lastInterval;
        long width;
        if (last.text().equals(interval)) {
            width = last.millis();
        } else {
            width = Intervals.parseMillis(interval);
            lastInterval = new ParsedInterval(interval, width);
        }
        return Math.floorDiv(time, width) * width;
    }

    /** {@code time_bucket(INTERVAL '5' MINUTE, time)}. */
    public static long timeBucketInterval(long intervalMillis, long time) {
        if (intervalMillis <= 0) {
            throw new InvalidSqlException("a time_bucket interval must be longer than zero");
        }
        return Math.floorDiv(time, intervalMillis) * intervalMillis;
    }

    /** {@code date_trunc('hour', time)}: the time truncated to a unit, in UTC. */
    public static long dateTrunc(String unit, long time) {
        ZonedDateTime t = Instant.ofEpochMilli(time).atZone(ZoneOffset.UTC);
        ZonedDateTime truncated = switch (unit.trim().toLowerCase(Locale.ROOT)) {
            case "millisecond", "milliseconds" -> t;
            case "second", "seconds" -> t.truncatedTo(ChronoUnit.SECONDS);
            case "minute", "minutes" -> t.truncatedTo(ChronoUnit.MINUTES);
            case "hour", "hours" -> t.truncatedTo(ChronoUnit.HOURS);
            case "day", "days" -> t.truncatedTo(ChronoUnit.DAYS);
            case "week", "weeks" -> t.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "month", "months" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            case "quarter", "quarters" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1)
                    .withMonth((t.getMonthValue() - 1) / 3 * 3 + 1);
            case "year", "years" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
            default -> throw new InvalidSqlException("date_trunc knows millisecond, second, minute, hour, day, week, "
                    + "month, quarter and year, not '" + unit + "'");
        };
        return truncated.toInstant().toEpochMilli();
    }

    /** {@code now()}: the current time (counted per thread, so planning can tell it folded a call into the plan). */
    public static long now() {
        CLOCK_READS.get()[0]++;
        return System.currentTimeMillis();
    }

    /** Returns how many times {@link #now()} ran on this thread. */
    static int clockReads() {
        return CLOCK_READS.get()[0];
    }
}
