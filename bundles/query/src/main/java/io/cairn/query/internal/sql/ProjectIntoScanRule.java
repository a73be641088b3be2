package io.cairn.query.internal.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Narrows a scan to the columns a project above it uses; a project of plain columns disappears,
 * one that computes stays above the narrowed scan.
 */
final class ProjectIntoScanRule extends RelOptRule {
    @SuppressWarnings("deprecation")
    ProjectIntoScanRule() {
        super(operand(LogicalProject.class, operand(StoreScan.class, Convention.NONE, none())), "ProjectIntoStoreScan");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalProject project = call.rel(0);
        StoreScan scan = call.rel(1);
        if (scan.spec.aggregation() != null) {
            return;
        }
        List<RexNode> exprs = project.getProjects();
        List<Integer> refs = new ArrayList<>();
        for (RexNode e : exprs) {
            if (!(e instanceof RexInputRef ref)) {
                refs = null;
                break;
            }
            refs.add(ref.getIndex());
        }
        int width = scan.getRowType().getFieldCount();
        if (refs != null) {
            if (!isIdentity(refs, width)) {
                call.transformTo(scan.with(scan.spec.withProjection(refs)));
            }
            return;
        }
        ImmutableBitSet used = RelOptUtil.InputFinder.bits(exprs, null);
        if (used.cardinality() == width) {
            return;
        }
        List<Integer> kept = used.asList();
        StoreScan narrowed = scan.with(scan.spec.withProjection(kept));
        RexShuttle remap = new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return new RexInputRef(kept.indexOf(ref.getIndex()), ref.getType());
            }
        };
        List<RexNode> rewritten = new ArrayList<>();
        for (RexNode e : exprs) {
            rewritten.add(e.accept(remap));
        }
        call.transformTo(call.builder().push(narrowed)
                .project(rewritten, project.getRowType().getFieldNames(), true).build());
    }

    private static boolean isIdentity(List<Integer> refs, int width) {
        if (refs.size() != width) {
            return false;
        }
        for (int i = 0; i < width; i++) {
            if (refs.get(i) != i) {
                return false;
            }
        }
        return true;
    }
}
