package io.cairn.query.internal.sql;

import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.StoreCapability;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptRuleOperand;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Pushes {@code GROUP BY [time_bucket(interval, time),] tags} with COUNT, SUM, MIN, MAX and AVG of
 * fields (and {@code count(*)} of a measurement with one field) into the scan, when the scan holds only
 * filters and a projection.
 */
final class AggregateIntoScanRule extends RelOptRule {
    static final AggregateIntoScanRule OVER_PROJECT = new AggregateIntoScanRule(
            operand(LogicalAggregate.class, operand(LogicalProject.class, operand(StoreScan.class, Convention.NONE, none()))),
            "AggregateProjectIntoStoreScan");
    static final AggregateIntoScanRule OVER_SCAN = new AggregateIntoScanRule(
            operand(LogicalAggregate.class, operand(StoreScan.class, Convention.NONE, none())), "AggregateIntoStoreScan");

    @SuppressWarnings("deprecation")
    private AggregateIntoScanRule(RelOptRuleOperand operand, String name) {
        super(operand, name);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Aggregate aggregate = call.rel(0);
        StoreScan scan = call.rel(call.rels.length - 1);
        if (!scan.spec.acceptsRowOperations() || aggregate.getGroupType() != Aggregate.Group.SIMPLE
                || !scan.measurement.catalog().capabilities().contains(StoreCapability.AGGREGATION)) {
            return;
        }
        List<RexNode> inputs = call.rels.length == 3 ? ((LogicalProject) call.rel(1)).getProjects()
                : scan.getCluster().getRexBuilder().identityProjects(scan.getRowType());
        long bucketMillis = 0;
        List<String> keys = new ArrayList<>();
        for (int i : aggregate.getGroupSet()) {
            RexNode key = inputs.get(i);
            MeasurementColumn column = column(scan, key);
            if (column != null && column.kind() == ColumnKind.TAG) {
                keys.add(column.name());
                continue;
            }
            long bucket = bucketOf(scan, key);
            if (bucket <= 0 || bucketMillis != 0) {
                return;
            }
            bucketMillis = bucket;
            keys.add(null);
        }
        List<PushedAggregation.Call> calls = new ArrayList<>();
        for (AggregateCall c : aggregate.getAggCallList()) {
            PushedAggregation.Call pushed = call(scan, inputs, c);
            if (pushed == null) {
                return;
            }
            calls.add(pushed);
        }
        PushedAggregation pushed = new PushedAggregation(bucketMillis, keys, calls);
        call.transformTo(scan.aggregated(scan.spec.withAggregation(pushed), aggregate.getRowType()));
    }

    private static PushedAggregation.Call call(StoreScan scan, List<RexNode> inputs, AggregateCall c) {
        if (c.getArgList().isEmpty() && c.getAggregation().getKind() == SqlKind.COUNT && !c.isDistinct() && !c.hasFilter()) {
            MeasurementColumn only = onlyField(scan);
            return only == null ? null : new PushedAggregation.Call(AggregateFunction.COUNT, only.name(), true);
        }
        if (c.isDistinct() || c.hasFilter() || c.getArgList().size() != 1 || !c.getCollation().getFieldCollations().isEmpty()) {
            return null;
        }
        AggregateFunction function = switch (c.getAggregation().getKind()) {
            case COUNT -> AggregateFunction.COUNT;
            case SUM -> AggregateFunction.SUM;
            case MIN -> AggregateFunction.MIN;
            case MAX -> AggregateFunction.MAX;
            case AVG -> AggregateFunction.AVG;
            default -> null;
        };
        MeasurementColumn field = column(scan, inputs.get(c.getArgList().get(0)));
        if (function == null || field == null || field.kind() != ColumnKind.FIELD
                || (function != AggregateFunction.COUNT && !field.fieldType().isNumeric())) {
            return null;
        }
        SqlTypeName type = c.getType().getSqlTypeName();
        if (type != SqlTypeName.BIGINT && type != SqlTypeName.DOUBLE) {
            return null;
        }
        return new PushedAggregation.Call(function, field.name(), type == SqlTypeName.BIGINT);
    }

    /**
     * The measurement's one field, or null when it has several: {@code count(*)} counts rows, which are the points
     * of that field when there is one, while with several fields a row may hold any of them.
     */
    private static MeasurementColumn onlyField(StoreScan scan) {
        List<MeasurementColumn> fields = scan.measurement.columns().stream()
                .filter(column -> column.kind() == ColumnKind.FIELD).toList();
        return fields.size() == 1 ? fields.get(0) : null;
    }

    private static MeasurementColumn column(StoreScan scan, RexNode node) {
        return node instanceof RexInputRef ref
                ? scan.measurement.columns().get(scan.spec.tableColumn(ref.getIndex())) : null;
    }

    /** The bucket width of {@code time_bucket(literal, time)}, or 0 for any other expression. */
    private static long bucketOf(StoreScan scan, RexNode node) {
        if (!(node instanceof RexCall call) || call.getOperands().size() != 2
                || !call.getOperator().getName().toLowerCase(Locale.ROOT).equals(TimeFunctions.TIME_BUCKET)) {
            return 0;
        }
        MeasurementColumn time = column(scan, call.getOperands().get(1));
        if (time == null || time.kind() != ColumnKind.TIME || !(call.getOperands().get(0) instanceof RexLiteral width)) {
            return 0;
        }
        try {
            if (width.getType().getSqlTypeName().getFamily() == SqlTypeFamily.CHARACTER) {
                return Intervals.parseMillis(width.getValueAs(String.class));
            }
            Long millis = width.getValueAs(Long.class);
            return millis == null ? 0 : millis;
        } catch (InvalidSqlException e) {
            return 0;
        }
    }
}
