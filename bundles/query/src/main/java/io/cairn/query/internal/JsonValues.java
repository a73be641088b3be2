package io.cairn.query.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes the values of one answer's rows: times as {@link Instant#toString()} writes them (the date part kept from
 * the previous time of the same day), and strings seen again (tag values repeat on every row of a series) from
 * their encoded bytes: a string's slot (by its hash) remembers it when first written and keeps its encoding from
 * the second time on, so strings written once (one row per group) cost no encoding kept and no map entry.
 */
final class JsonValues {
    private static final long FIRST_FOUR_DIGIT_SECOND = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST_FOUR_DIGIT_SECOND = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    private static final int SECONDS_PER_DAY = 86_400;
    private static final int STRING_SLOTS = 4096;

    private final JsonGenerator g;
    private final char[] time = new char[30];
    private final String[] seen = new String[STRING_SLOTS];
    private final SerializedString[] encoded = new SerializedString[STRING_SLOTS];
    private long day = Long.MIN_VALUE;

    JsonValues(JsonGenerator g) {
        this.g = g;
    }

    /** Writes a value of a SQL result (null, Instant, Double, Long, Integer, BigDecimal, Boolean or text). */
    void write(Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            string(s);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                g.writeNull();
            } else {
                g.writeNumber(d);
            }
        } else if (v instanceof Instant i) {
            instant(i);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeString(v.toString());
        }
    }

    private void string(String s) throws IOException {
        int slot = s.hashCode() & (STRING_SLOTS - 1);
        String known = seen[slot];
        if (known == null || !known.equals(s)) {
            seen[slot] = s;
            encoded[slot] = null;
            g.writeString(s);
            return;
        }
        SerializedString bytes = encoded[slot];
        if (bytes == null) {
            bytes = new SerializedString(known);
            encoded[slot] = bytes;
        }
        g.writeString(bytes);
    }

    /** Writes a time as {@link Instant#toString()} does, without a formatter for the years 0 to 9999. */
    void instant(Instant t) throws IOException {
        long seconds = t.getEpochSecond();
        if (seconds < FIRST_FOUR_DIGIT_SECOND || seconds > LAST_FOUR_DIGIT_SECOND) {
            g.writeString(t.toString());
            return;
        }
        long epochDay = Math.floorDiv(seconds, SECONDS_PER_DAY);
        if (epochDay != day) {
            LocalDate date = LocalDate.ofEpochDay(epochDay);
            digits(0, date.getYear(), 4);
            time[4] = '-';
            digits(5, date.getMonthValue(), 2);
            time[7] = '-';
            digits(8, date.getDayOfMonth(), 2);
            time[10] = 'T';
            day = epochDay;
        }
        int second = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        int n = digits(11, second / 3600, 2);
        time[n++] = ':';
        n = digits(n, second / 60 % 60, 2);
        time[n++] = ':';
        n = digits(n, second % 60, 2);
        int nanos = t.getNano();
        if (nanos != 0) {
            time[n++] = '.';
            if (nanos % 1_000_000 == 0) {
                n = digits(n, nanos / 1_000_000, 3);
            } else if (nanos % 1000 == 0) {
                n = digits(n, nanos / 1000, 6);
            } else {
                n = digits(n, nanos, 9);
            }
        }
        time[n++] = 'Z';
        g.writeString(time, 0, n);
    }

    private int digits(int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            time[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
