package io.cairn.query.internal.sql;

import java.util.List;

/**
 * The result of a statement: column names and SQL type names, and the rows (values are Long,
 * Integer, Double, BigDecimal, Boolean, String or, for TIMESTAMP columns, java.time.Instant).
 *
 * @param columns the column names
 * @param types the SQL type name of each column, e.g. TIMESTAMP, VARCHAR, DOUBLE, BIGINT, BOOLEAN
 * @param rows the rows, row-major
 * @param truncated true when the row limit cut the result
 */
public record SqlResult(List<String> columns, List<String> types, List<Object[]> rows, boolean truncated) {
    /** Copies the column lists. */
    public SqlResult {
        columns = List.copyOf(columns);
        types = List.copyOf(types);
    }
}
