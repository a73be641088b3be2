package io.cairn.api.store;

import java.util.Objects;

/**
 * A value condition of a scan: a row (one series at one time) meets it when its value of {@code field} is
 * numeric and compares to {@code value} as {@code op} says. A row without a value of the field does not meet
 * it. BIGINT values are compared as doubles.
 *
 * @param field the field
 * @param op the comparison
 * @param value the number compared with
 */
public record FieldPredicate(String field, Comparison op, double value) {
    /** A comparison of a field's value with a number. */
    public enum Comparison {
        /** Less than. */
        LT,
        /** Less than or equal. */
        LE,
        /** Greater than. */
        GT,
        /** Greater than or equal. */
        GE,
        /** Equal. */
        EQ,
        /** Not equal. */
        NE;

        /** Returns whether {@code left op right} holds; false when either side is NaN, except for NE. */
        public boolean test(double left, double right) {
            return switch (this) {
                case LT -> left < right;
                case LE -> left <= right;
                case GT -> left > right;
                case GE -> left >= right;
                case EQ -> left == right;
                case NE -> left != right;
            };
        }
    }

    /** Checks that field and op are given and the value is a number. */
    public FieldPredicate {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(op, "op");
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("a field predicate compares with a number, not NaN");
        }
    }

    /** Returns whether a value meets this predicate. */
    public boolean test(double fieldValue) {
        return op.test(fieldValue, value);
    }
}
