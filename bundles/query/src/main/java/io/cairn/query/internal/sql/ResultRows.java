package io.cairn.query.internal.sql;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a JDBC result into a {@link SqlResult} or a {@link RowSink}, stopping at the row limit, when the sink says
 * stop or when the statement timed out.
 */
final class ResultRows {
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
        while (rs.next()) {
            if (timedOut.get()) {
                throw new SQLException("the statement was cancelled");
            }
            Object[] row = new Object[n];
            for (int i = 0; i < n; i++) {
                row[i] = value(rs, i + 1, jdbcTypes[i], utc);
            }
            if (!sink.accept(row)) {
                break;
            }
        }
        return new SqlResult(names, types, List.of(), false);
    }

    private static Object value(ResultSet rs, int column, int type, Calendar utc) throws SQLException {
        Object v = switch (type) {
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                Timestamp t = rs.getTimestamp(column, utc);
                yield t == null ? null : t.toInstant();
            }
            case Types.BIGINT -> rs.getLong(column);
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> rs.getInt(column);
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> rs.getDouble(column);
            case Types.DECIMAL, Types.NUMERIC -> rs.getBigDecimal(column);
            case Types.BOOLEAN -> rs.getBoolean(column);
            default -> {
                Object o = rs.getObject(column);
                yield o == null ? null : o.toString();
            }
        };
        return rs.wasNull() ? null : v;
    }
}
