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
}
