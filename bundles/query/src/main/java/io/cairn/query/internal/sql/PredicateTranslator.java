package io.cairn.query.internal.sql;

import io.cairn.api.model.FieldType;
import io.cairn.api.store.FieldPredicate;
import io.cairn.api.store.StoreCapability;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Translates conjuncts of a filter over a scan into store predicates: comparisons of {@code time}
 * with a timestamp literal or parameter, a tag equal to a string (or one of several), and, when the store
 * filters on values, comparisons of a DOUBLE or BIGINT field with a number the store compares exactly.
 */
final class PredicateTranslator {
    /** Integers of smaller magnitude compare as doubles exactly as they do as longs. */
    private static final double EXACT_INTEGERS = 0x1p53;

    private final StoreScan scan;
    private final boolean valueFilters;
    private final List<TimeBound> bounds = new ArrayList<>();
    private final List<TagFilter> tags = new ArrayList<>();
    private final List<FieldFilter> fields = new ArrayList<>();

    PredicateTranslator(StoreScan scan) {
        this.scan = scan;
        this.valueFilters = scan.measurement.catalog().capabilities().contains(StoreCapability.FIELD_FILTER);
    }

    List<FieldFilter> fields() {
        return fields;
    }

    List<TimeBound> bounds() {
        return bounds;
    }

    List<TagFilter> tags() {
        return tags;
    }

    /** Adds a conjunct the store can evaluate and returns true, or returns false and adds nothing. */
    boolean add(RexNode conjunct) {
        if (conjunct.getKind() == SqlKind.OR) {
            return addTagIn((RexCall) conjunct);
        }
        if (!(conjunct instanceof RexCall call) || call.getOperands().size() != 2) {
            return false;
        }
        if (valueFilters && addFieldFilter(call)) {
            return true;
        }
        SqlKind kind = call.getKind();
        RexNode left = call.getOperands().get(0);
        RexNode right = call.getOperands().get(1);
        MeasurementColumn column = column(left);
        Operand value = operand(right);
        if (column == null || value == null) {
            column = column(right);
            value = operand(left);
            kind = kind.reverse();
        }
        if (column == null || value == null) {
            return false;
        }
        if (column.kind() == ColumnKind.TIME) {
            return addTimeBound(kind, value);
        }
        if (column.kind() == ColumnKind.TAG && kind == SqlKind.EQUALS && isText(right, left)) {
            tags.add(new TagFilter(column.name(), List.of(value)));
            return true;
        }
        return false;
    }

    private boolean addTimeBound(SqlKind kind, Operand value) {
        if (value.literal() != null && !(value.literal() instanceof Long)) {
            return false;
        }
        switch (kind) {
            case GREATER_THAN -> bounds.add(new TimeBound(value, true, false));
            case GREATER_THAN_OR_EQUAL -> bounds.add(new TimeBound(value, true, true));
            case LESS_THAN -> bounds.add(new TimeBound(value, false, false));
            case LESS_THAN_OR_EQUAL -> bounds.add(new TimeBound(value, false, true));
            case EQUALS -> {
                bounds.add(new TimeBound(value, true, true));
                bounds.add(new TimeBound(value, false, true));
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** A numeric field compared with a number: {@code usage > 90}, {@code ? <= usage}. */
    private boolean addFieldFilter(RexCall call) {
        SqlKind kind = call.getKind();
        RexNode value = call.getOperands().get(1);
        MeasurementColumn column = numericField(call.getOperands().get(0));
        if (column == null) {
            column = numericField(value);
            value = call.getOperands().get(0);
            kind = kind.reverse();
        }
        FieldPredicate.Comparison op = comparison(kind);
        boolean comparedAsInteger = column != null && column.fieldType() == FieldType.INTEGER
                && !castToDouble(call.getOperands().get(0)) && !castToDouble(call.getOperands().get(1));
        Operand number = column == null || op == null ? null : number(value, comparedAsInteger);
        if (number == null) {
            return false;
        }
        fields.add(new FieldFilter(column.name(), op, number));
        return true;
    }

    /**
     * A numeric field, also cast to DOUBLE, or a BIGINT field cast to DECIMAL (how Calcite compares a BIGINT with a
     * double or a decimal literal): for such a literal below 2^53 in magnitude the store's double comparison agrees.
     */
    private MeasurementColumn numericField(RexNode node) {
        boolean cast = node.getKind() == SqlKind.CAST;
        MeasurementColumn column = column(cast ? ((RexCall) node).getOperands().get(0) : node);
        if (column == null || column.kind() != ColumnKind.FIELD) {
            return null;
        }
        SqlTypeName target = node.getType().getSqlTypeName();
        return switch (column.fieldType()) {
            case FLOAT -> !cast || target == SqlTypeName.DOUBLE ? column : null;
            case INTEGER -> !cast || target == SqlTypeName.DOUBLE || target == SqlTypeName.DECIMAL ? column : null;
            default -> null;
        };
    }

    private static boolean castToDouble(RexNode node) {
        return node.getKind() == SqlKind.CAST && node.getType().getSqlTypeName() == SqlTypeName.DOUBLE;
    }

    private static FieldPredicate.Comparison comparison(SqlKind kind) {
        return switch (kind) {
            case LESS_THAN -> FieldPredicate.Comparison.LT;
            case LESS_THAN_OR_EQUAL -> FieldPredicate.Comparison.LE;
            case GREATER_THAN -> FieldPredicate.Comparison.GT;
            case GREATER_THAN_OR_EQUAL -> FieldPredicate.Comparison.GE;
            case EQUALS -> FieldPredicate.Comparison.EQ;
            case NOT_EQUALS -> FieldPredicate.Comparison.NE;
            default -> null;
        };
    }

    /**
     * The number a field is compared with when the store compares it exactly as SQL does: a DOUBLE parameter compared
     * as a double, or a literal whose value is a double (for a BIGINT field an integer below 2^53 in magnitude).
     */
    private static Operand number(RexNode node, boolean integerField) {
        RexNode n = node.getKind() == SqlKind.CAST ? ((RexCall) node).getOperands().get(0) : node;
        if (n.getType().getFamily() != SqlTypeFamily.NUMERIC) {
            return null;
        }
        if (n instanceof RexDynamicParam p) {
            // bound as the type the statement gives it: only a DOUBLE parameter is compared as the store compares
            boolean asDouble = node.getType().getSqlTypeName() == SqlTypeName.DOUBLE
                    && p.getType().getSqlTypeName() == SqlTypeName.DOUBLE;
            return integerField || !asDouble ? null : Operand.param(p.getIndex());
        }
        if (!(n instanceof RexLiteral literal) || literal.isNull()) {
            return null;
        }
        BigDecimal exact = literal.getValueAs(BigDecimal.class);
        double d = exact.doubleValue();
        boolean approximate = SqlTypeName.APPROX_TYPES.contains(node.getType().getSqlTypeName());
        if (Double.isInfinite(d) || (!approximate && new BigDecimal(d).compareTo(exact) != 0)
                || (integerField && Math.abs(d) >= EXACT_INTEGERS)) {
            return null;
        }
        return Operand.of(d);
    }

    /** A disjunction of equalities of one tag with strings: {@code host IN ('a', 'b')}. */
    private boolean addTagIn(RexCall or) {
        String key = null;
        List<Operand> values = new ArrayList<>();
        for (RexNode d : or.getOperands()) {
            if (d.getKind() != SqlKind.EQUALS) {
                return false;
            }
            RexCall eq = (RexCall) d;
            RexNode a = eq.getOperands().get(0);
            RexNode b = eq.getOperands().get(1);
            MeasurementColumn column = column(a);
            Operand value = operand(b);
            if (column == null || value == null) {
                column = column(b);
                value = operand(a);
            }
            if (column == null || value == null || column.kind() != ColumnKind.TAG || !isText(a, b)
                    || (key != null && !key.equals(column.name()))) {
                return false;
            }
            key = column.name();
            values.add(value);
        }
        tags.add(new TagFilter(key, values));
        return true;
    }

    private MeasurementColumn column(RexNode node) {
        if (node instanceof RexInputRef ref) {
            return scan.measurement.columns().get(scan.spec.tableColumn(ref.getIndex()));
        }
        return null;
    }

    private static Operand operand(RexNode node) {
        RexNode n = node.getKind() == SqlKind.CAST ? ((RexCall) node).getOperands().get(0) : node;
        if (n instanceof RexDynamicParam p) {
            return Operand.param(p.getIndex());
        }
        if (n instanceof RexLiteral literal && !literal.isNull()) {
            SqlTypeFamily family = literal.getType().getSqlTypeName().getFamily();
            if (family == SqlTypeFamily.CHARACTER) {
                return Operand.of(literal.getValueAs(String.class));
            }
            if (family == SqlTypeFamily.TIMESTAMP) {
                return Operand.of(literal.getValueAs(Long.class));
            }
        }
        return null;
    }

    /** True when both sides compare as text (no numeric coercion of the tag). */
    private static boolean isText(RexNode a, RexNode b) {
        return a.getType().getFamily() == SqlTypeFamily.CHARACTER && b.getType().getFamily() == SqlTypeFamily.CHARACTER;
    }
}
