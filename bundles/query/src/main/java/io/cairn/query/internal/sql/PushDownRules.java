package io.cairn.query.internal.sql;

import java.util.List;
import org.apache.calcite.plan.RelOptRule;

/** The planner rules that move work from Calcite into a {@link StoreScan}. */
final class PushDownRules {
    /** Every push-down rule; a scan registers them with the planner. */
    static final List<RelOptRule> ALL = List.of(
            new FilterIntoScanRule(),
            new ProjectIntoScanRule(),
            AggregateIntoScanRule.OVER_PROJECT,
            AggregateIntoScanRule.OVER_SCAN,
            LatestIntoScanRule.OVER_PROJECT,
            LatestIntoScanRule.OVER_SCAN,
            new LimitIntoScanRule());

    private PushDownRules() {
    }
}
