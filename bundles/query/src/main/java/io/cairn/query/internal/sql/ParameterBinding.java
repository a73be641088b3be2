package io.cairn.query.internal.sql;

import java.math.BigDecimal;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

/**
 * Binds request parameters to a statement's {@code ?} markers through the JDBC setters (never by
 * text). A TIMESTAMP parameter takes an ISO-8601 text ({@code 2024-01-01T00:00:00Z} or
 * {@code 2024-01-01 00:00:00}, UTC) or epoch milliseconds.
 */
final class ParameterBinding {
    private ParameterBinding() {
    }

    static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        ParameterMetaData meta = ps.getParameterMetaData();
        int count = meta.getParameterCount();
        if (count != params.size()) {
            throw SqlQueryException.invalid("the statement has " + count + " parameter(s) but " + params.size()
                    + " were given", Map.of("field", "params"));
        }
        for (int i = 0; i < count; i++) {
            Object v = params.get(i);
            int type = meta.getParameterType(i + 1);
            if (v == null) {
                ps.setNull(i + 1, type);
            } else if (type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE) {
                ps.setTimestamp(i + 1, new Timestamp(timeMillis(v, i)), utc());
            } else if (v instanceof String s) {
                ps.setString(i + 1, s);
            } else if (v instanceof Boolean b) {
                ps.setBoolean(i + 1, b);
            } else if ((v instanceof Long || v instanceof Integer) && type == Types.INTEGER) {
                ps.setInt(i + 1, integer(((Number) v).longValue(), i));
            } else if (v instanceof Long || v instanceof Integer) {
                ps.setLong(i + 1, ((Number) v).longValue());
            } else if (v instanceof BigDecimal d) {
                ps.setBigDecimal(i + 1, d);
            } else if (v instanceof Number n) {
                ps.setDouble(i + 1, n.doubleValue());
            } else {
                throw SqlQueryException.invalid("parameter " + (i + 1) + " must be a string, number, boolean or null",
                        Map.of("field", "params", "index", i));
            }
        }
    }

    /** An INTEGER parameter (e.g. {@code LIMIT ?}): Calcite runs it as a Java int. */
    private static int integer(long v, int index) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw SqlQueryException.invalid("parameter " + (index + 1) + " must be an INTEGER (at most "
                    + Integer.MAX_VALUE + "), not " + v, Map.of("field", "params", "index", index));
        }
        return (int) v;
    }

    static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }

    private static long timeMillis(Object v, int index) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        String s = v.toString().trim();
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw SqlQueryException.invalid("parameter " + (index + 1) + " must be a timestamp like "
                        + "2024-01-01T00:00:00Z, not '" + s + "'", Map.of("field", "params", "index", index));
            }
        }
    }
}
