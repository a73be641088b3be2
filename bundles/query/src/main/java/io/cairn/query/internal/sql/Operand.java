package io.cairn.query.internal.sql;

import java.time.Instant;
import org.apache.calcite.DataContext;

/**
 * A value a pushed-down predicate compares with: a literal known when planning, or a {@code ?}
 * parameter whose value the statement's data context holds when it runs.
 *
 * @param literal the value (a String, or Long milliseconds for times), null for a parameter
 * @param paramIndex the parameter's index from 0, or -1 for a literal
 */
public record Operand(Object literal, int paramIndex) {
    static Operand of(Object literal) {
        return new Operand(literal, -1);
    }

    static Operand param(int index) {
        return new Operand(null, index);
    }

    /** Returns the value this operand has in a running statement. */
    Object resolve(DataContext root) {
        return paramIndex < 0 ? literal : root.get("?" + paramIndex);
    }

    @Override
    public String toString() {
        if (paramIndex >= 0) {
            return "?" + paramIndex;
        }
        if (literal instanceof Long millis) {
            return Instant.ofEpochMilli(millis).toString();
        }
        return "'" + literal + "'";
    }
}
