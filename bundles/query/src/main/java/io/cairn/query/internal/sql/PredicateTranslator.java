package io.cairn.query.internal.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;

/**
 * Translates conjuncts of a filter over a scan into store predicates: comparisons of {@code time}
 * with a timestamp literal or parameter, and a tag equal to a string (or one of several).
 */
final class PredicateTranslator {
    private final StoreScan scan;
    private final List<TimeBound> bounds = new ArrayList<>();
    private final List<TagFilter> tags = new ArrayList<>();

    PredicateTranslator(StoreScan scan) {
        this.scan = scan;
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
