package io.cairn.query.internal.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

/**
 * Pushes the conjuncts of a filter that the store can evaluate (time comparisons, tag equality
 * and IN, numeric field comparisons when it filters on values) into the scan below; the rest stays in a filter
 * above it.
 */
final class FilterIntoScanRule extends RelOptRule {
    @SuppressWarnings("deprecation")
    FilterIntoScanRule() {
        super(operand(LogicalFilter.class, operand(StoreScan.class, Convention.NONE, none())), "FilterIntoStoreScan");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalFilter filter = call.rel(0);
        StoreScan scan = call.rel(1);
        if (!scan.spec.acceptsRowOperations()) {
            return;
        }
        RexNode condition = RexUtil.expandSearch(filter.getCluster().getRexBuilder(), null, filter.getCondition());
        PredicateTranslator translator = new PredicateTranslator(scan);
        List<RexNode> rest = new ArrayList<>();
        for (RexNode conjunct : RelOptUtil.conjunctions(condition)) {
            if (!translator.add(conjunct)) {
                rest.add(conjunct);
            }
        }
        if (translator.bounds().isEmpty() && translator.tags().isEmpty() && translator.fields().isEmpty()) {
            return;
        }
        StoreScan pushed = scan.with(scan.spec.withFilters(translator.bounds(), translator.tags(), translator.fields()));
        call.transformTo(rest.isEmpty() ? pushed : call.builder().push(pushed).filter(rest).build());
    }
}
