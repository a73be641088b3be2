package io.cairn.query.internal.sql;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import org.apache.calcite.DataContext;
import org.apache.calcite.runtime.SqlFunctions;

/**
 * One comparison of the time column with a value, pushed into the scan's time range. Times are
 * milliseconds in SQL (TIMESTAMP(3)); bounds become nanoseconds so that a point keeps exactly the
 * rows the millisecond comparison would keep.
 *
 * @param value the compared time
 * @param lower true for {@code >} and {@code >=}, false for {@code <} and {@code <=}
 * @param inclusive true for {@code >=} and {@code <=}
 */
public record TimeBound(Operand value, boolean lower, boolean inclusive) {
    private static final long NANOS_PER_MILLI = 1_000_000L;

    /** Returns the bound in store terms: an inclusive start or an exclusive end, in nanoseconds. */
    long nanos(DataContext root) {
        Object v = value.resolve(root);
        if (v == null) {
            return lower ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        long millis = toMillis(v);
        long edge = lower == inclusive ? millis : millis + 1;
        try {
            return Math.multiplyExact(edge, NANOS_PER_MILLI);
        } catch (ArithmeticException e) {
            return edge < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** Returns a time value of a literal or a bound parameter as UTC milliseconds since the epoch. */
    static long toMillis(Object v) {
        if (v instanceof Timestamp ts) {
            return SqlFunctions.toLong(ts);
        }
        if (v instanceof java.util.Date d) {
            return d.getTime();
        }
        if (v instanceof Calendar c) {
            return c.getTimeInMillis();
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof Instant i) {
            return i.toEpochMilli();
        }
        if (v instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        if (v instanceof OffsetDateTime t) {
            return t.toInstant().toEpochMilli();
        }
        throw new InvalidSqlException("a time must be compared with a timestamp, not " + v);
    }

    @Override
    public String toString() {
        return MeasurementColumn.TIME + (lower ? " >" : " <") + (inclusive ? "= " : " ") + value;
    }
}
