package io.cairn.query.internal.sql;

import io.cairn.api.model.FieldType;

/**
 * One column of a measurement table.
 *
 * @param name the column name (the tag key or field name, or {@code time})
 * @param kind time, tag or field
 * @param fieldType the stored type of a field column, null for the others
 */
public record MeasurementColumn(String name, ColumnKind kind, FieldType fieldType) {
    /** The name of the time column. */
    public static final String TIME = "time";

    /** Returns the SQL type name of the column. */
    public String sqlType() {
        if (kind == ColumnKind.TIME) {
            return "TIMESTAMP";
        }
        if (kind == ColumnKind.TAG) {
            return "VARCHAR";
        }
        return switch (fieldType) {
            case FLOAT -> "DOUBLE";
            case INTEGER -> "BIGINT";
            case BOOLEAN -> "BOOLEAN";
            case STRING -> "VARCHAR";
        };
    }
}
