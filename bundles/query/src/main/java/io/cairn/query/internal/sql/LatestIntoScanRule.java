package io.cairn.query.internal.sql;

import io.cairn.api.store.StoreCapability;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptRuleOperand;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;

/**
 * Makes the raw scan below {@code GROUP BY tags} of only {@code last(field, time)} and {@code max(time)} read just
 * the latest row per series and field (TSBS lastpoint): the latest of a group is the latest of its series' latest.
 * With group keys the scan also groups those rows itself ({@link LatestGroups}, no Calcite aggregate); without,
 * the Aggregate stays and computes its one row from far fewer.
 */
final class LatestIntoScanRule extends RelOptRule {
    static final LatestIntoScanRule OVER_PROJECT = new LatestIntoScanRule(
            operand(LogicalAggregate.class, operand(LogicalProject.class, operand(StoreScan.class, Convention.NONE, none()))),
            "LatestProjectIntoStoreScan");
    static final LatestIntoScanRule OVER_SCAN = new LatestIntoScanRule(
            operand(LogicalAggregate.class, operand(StoreScan.class, Convention.NONE, none())), "LatestIntoStoreScan");

    private static final String LAST = "last";

    @SuppressWarnings("deprecation")
    private LatestIntoScanRule(RelOptRuleOperand operand, String name) {
        super(operand, name);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Aggregate aggregate = call.rel(0);
        StoreScan scan = call.rel(call.rels.length - 1);
        if (!scan.spec.acceptsRowOperations() || !scan.spec.fieldFilters().isEmpty()
                || aggregate.getGroupType() != Aggregate.Group.SIMPLE || aggregate.getAggCallList().isEmpty()
                || !scan.measurement.catalog().capabilities().contains(StoreCapability.LATEST)) {
            return;
        }
        List<RexNode> inputs = call.rels.length == 3 ? ((LogicalProject) call.rel(1)).getProjects()
                : scan.getCluster().getRexBuilder().identityProjects(scan.getRowType());
        for (int key : aggregate.getGroupSet()) {
            if (kind(scan, inputs.get(key)) != ColumnKind.TAG) {
                return;
            }
        }
        for (AggregateCall c : aggregate.getAggCallList()) {
            if (!isLatest(scan, inputs, c)) {
                return;
            }
        }
        if (!aggregate.getGroupSet().isEmpty()) {
            call.transformTo(scan.aggregated(scan.spec.withLatestGroups(groups(scan, inputs, aggregate)),
                    aggregate.getRowType()));
            return;
        }
        RelNode latest = scan.with(scan.spec.withLatest(1));
        if (call.rels.length == 3) {
            LogicalProject project = call.rel(1);
            latest = project.copy(project.getTraitSet(), List.of(latest));
        }
        call.transformTo(aggregate.copy(aggregate.getTraitSet(), List.of(latest)));
    }

    /** The tags grouped by and the field of each {@code last()} (null for {@code max(time)}), for the scan to compute. */
    private static LatestGroups groups(StoreScan scan, List<RexNode> inputs, Aggregate aggregate) {
        List<String> keys = new ArrayList<>();
        for (int key : aggregate.getGroupSet()) {
            keys.add(column(scan, inputs.get(key)).name());
        }
        List<String> lastOf = new ArrayList<>();
        for (AggregateCall c : aggregate.getAggCallList()) {
            boolean maxTime = c.getAggregation().getKind() == SqlKind.MAX;
            lastOf.add(maxTime ? null : column(scan, inputs.get(c.getArgList().get(0))).name());
        }
        return new LatestGroups(keys, lastOf);
    }

    /** {@code max(time)} or {@code last(field, time)}, each over all rows of its group. */
    private static boolean isLatest(StoreScan scan, List<RexNode> inputs, AggregateCall c) {
        if (c.isDistinct() || c.hasFilter() || !c.getCollation().getFieldCollations().isEmpty()) {
            return false;
        }
        List<Integer> args = c.getArgList();
        if (c.getAggregation().getKind() == SqlKind.MAX) {
            return args.size() == 1 && kind(scan, inputs.get(args.get(0))) == ColumnKind.TIME;
        }
        return c.getAggregation().getName().toLowerCase(Locale.ROOT).equals(LAST) && args.size() == 2
                && kind(scan, inputs.get(args.get(0))) == ColumnKind.FIELD
                && kind(scan, inputs.get(args.get(1))) == ColumnKind.TIME;
    }

    /** The kind of the table column an input is, or null for a computed one. */
    private static ColumnKind kind(StoreScan scan, RexNode node) {
        MeasurementColumn column = column(scan, node);
        return column == null ? null : column.kind();
    }

    private static MeasurementColumn column(StoreScan scan, RexNode node) {
        return node instanceof RexInputRef ref
                ? scan.measurement.columns().get(scan.spec.tableColumn(ref.getIndex())) : null;
    }
}
