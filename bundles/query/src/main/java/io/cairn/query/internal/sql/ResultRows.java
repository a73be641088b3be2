package io.cairn.query.internal.sql;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a JDBC result into a {@link SqlResult} or a {@link RowSink}, stopping at the row limit, when the sink says
 * stop or when the statement timed out.
 */
final class ResultRows {
    private static final Object NOT_READ = new Object();

    private ResultRows() {
    }

    static SqlResult read(ResultSet rs, int maxRows, AtomicBoolean timedOut) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        boolean[] truncated = {false};
        SqlResult header = stream(rs, timedOut, row -> {
            if (rows.size() == maxRows) {
                truncated[0] = true;
                return false;
            }
            rows.add(row);
            return true;
        });
        return new SqlResult(header.columns(), header.types(), rows, truncated[0]);
    }

    /** Hands each row to a sink until it says stop; returns the columns and types (no rows). */
    static SqlResult stream(ResultSet rs, AtomicBoolean timedOut, RowSink sink) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        int[] jdbcTypes = new int[n];
        for (int i = 1; i <= n; i++) {
            names.add(meta.getColumnLabel(i));
            types.add(meta.getColumnTypeName(i));
            jdbcTypes[i - 1] = meta.getColumnType(i);
        }
        Calendar utc = ParameterBinding.utc();
        boolean[] timeAsCalendar = new boolean[n];
        CalciteRows raw = CalciteRows.of(rs);
        while (rs.next()) {
            if (timedOut.get()) {
                throw new SQLException("the statement was cancelled");
            }
            Object[] calcite = raw == null ? null : raw.current();
            Object[] row = new Object[n];
            for (int i = 0; i < n; i++) {
                Object v = calcite == null || calcite.length != n ? NOT_READ : internal(calcite[i], jdbcTypes[i]);
                row[i] = v != NOT_READ ? v : value(rs, i + 1, jdbcTypes[i], utc, timeAsCalendar);
            }
            if (!sink.accept(row)) {
                break;
            }
        }
        return new SqlResult(names, types, List.of(), false);
    }

    /**
     * A value of Calcite's internal representation as {@link SqlResult} has it, or {@link #NOT_READ} for types
     * whose internal form differs (dates, times, intervals, arrays: read through the JDBC getter).
     */
    private static Object internal(Object v, int type) {
        if (v == null) {
            return null;
        }
        return switch (type) {
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE ->
                    v instanceof Long millis ? Instant.ofEpochMilli(millis) : NOT_READ;
            case Types.BIGINT -> v instanceof Long ? v : NOT_READ;
            case Types.INTEGER -> v instanceof Integer ? v : NOT_READ;
            case Types.DOUBLE -> v instanceof Double ? v : NOT_READ;
            case Types.DECIMAL, Types.NUMERIC -> v instanceof BigDecimal ? v : NOT_READ;
            case Types.BOOLEAN -> v instanceof Boolean ? v : NOT_READ;
            case Types.VARCHAR, Types.CHAR -> v instanceof String ? v : NOT_READ;
            default -> NOT_READ;
        };
    }

    private static Object value(ResultSet rs, int column, int type, Calendar utc, boolean[] timeAsCalendar)
            throws SQLException {
        Object v = switch (type) {
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> instant(rs, column, utc, timeAsCalendar);
            case Types.BIGINT -> rs.getLong(column);
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> rs.getInt(column);
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> rs.getDouble(column);
            case Types.DECIMAL, Types.NUMERIC -> rs.getBigDecimal(column);
            case Types.BOOLEAN -> rs.getBoolean(column);
            case Types.VARCHAR, Types.CHAR -> rs.getString(column);
            default -> {
                Object o = rs.getObject(column);
                yield o == null ? null : o instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : o.toString();
            }
        };
        return rs.wasNull() ? null : v;
    }

    /**
     * A TIMESTAMP column's value: Calcite keeps it as UTC milliseconds, read as a number without the calendar
     * arithmetic of {@code getTimestamp} (a third of a wide result's time); a column that is not a number
     * underneath goes through {@code getTimestamp} from then on.
     */
    private static Instant instant(ResultSet rs, int column, Calendar utc, boolean[] timeAsCalendar)
            throws SQLException {
        if (!timeAsCalendar[column - 1]) {
            try {
                return Instant.ofEpochMilli(rs.getLong(column));
            } catch (SQLException notANumber) {
                timeAsCalendar[column - 1] = true;
            }
        }
        Timestamp t = rs.getTimestamp(column, utc);
        return t == null ? null : t.toInstant();
    }
}
