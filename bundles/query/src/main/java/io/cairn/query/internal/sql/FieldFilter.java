package io.cairn.query.internal.sql;

import io.cairn.api.store.FieldPredicate;
import org.apache.calcite.DataContext;

/**
 * A value condition pushed into the scan: a numeric field compared with a number, a literal or a parameter.
 *
 * @param field the field
 * @param op the comparison, field on the left
 * @param value the number: a Double literal, or a parameter
 */
public record FieldFilter(String field, FieldPredicate.Comparison op, Operand value) {
    /**
     * Returns the store's predicate in a running statement, or null when no row can meet it (a null parameter,
     * or NaN compared other than by {@code <>}; {@code <> NaN} is met by every value but a stored NaN).
     */
    FieldPredicate resolve(DataContext root) {
        Object v = value.resolve(root);
        if (v == null) {
            return null;
        }
        double number = toDouble(v);
        if (Double.isNaN(number)) {
            // every number differs from NaN: any value meets "<> NaN", as in Calcite
            return op == FieldPredicate.Comparison.NE
                    ? new FieldPredicate(field, FieldPredicate.Comparison.GE, Double.NEGATIVE_INFINITY) : null;
        }
        return new FieldPredicate(field, op, number);
    }

    private double toDouble(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new InvalidSqlException("field " + field + " must be compared with a number, not '" + v + "'");
        }
    }

    @Override
    public String toString() {
        String symbol = switch (op) {
            case LT -> "<";
            case LE -> "<=";
            case GT -> ">";
            case GE -> ">=";
            case EQ -> "=";
            case NE -> "<>";
        };
        return field + " " + symbol + " " + (value.paramIndex() >= 0 ? "?" + value.paramIndex() : value.literal());
    }
}
