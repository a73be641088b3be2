package io.cairn.query.internal.sql;

/** Reads the numeric argument of an aggregate function, whatever numeric SQL type it has. */
final class Numbers {
    private Numbers() {
    }

    static double toDouble(Object value, String function) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new InvalidSqlException(function + " takes a number, not " + value);
    }

    /**
     * Returns a value as the type Calcite chose for it among BIGINT, DOUBLE, BOOLEAN and VARCHAR: an exact integer
     * as a Long, another number (REAL, DECIMAL) as a Double, anything else as it is.
     */
    static Object widened(Object value) {
        if (value instanceof Long || value instanceof Double || !(value instanceof Number n)) {
            return value;
        }
        boolean integral = n instanceof Integer || n instanceof Short || n instanceof Byte;
        return integral ? (Object) n.longValue() : (Object) n.doubleValue();
    }
}
