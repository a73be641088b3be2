package io.cairn.query.internal.sql;

import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexLiteral;

/**
 * Pushes a LIMIT into a raw scan: without ORDER BY the store stops after that many rows; with
 * {@code ORDER BY time DESC LIMIT n} (or ASC when the range has a start) the scan reads windows of
 * growing width from the newest (oldest) end until it holds n rows. Likewise {@code ORDER BY} the time bucket of
 * a pushed aggregation with a LIMIT aggregates growing windows of whole buckets ({@link TopBuckets}).
 */
final class LimitIntoScanRule extends RelOptRule {
    @SuppressWarnings("deprecation")
    LimitIntoScanRule() {
        super(operand(Sort.class, operand(StoreScan.class, Convention.NONE, none())), "LimitIntoStoreScan");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        Sort sort = call.rel(0);
        StoreScan scan = call.rel(1);
        if (sort.offset != null || !(sort.fetch instanceof RexLiteral fetch)) {
            return;
        }
        Long n = fetch.getValueAs(Long.class);
        if (n == null || n <= 0) {
            return;
        }
        var collations = sort.getCollation().getFieldCollations();
        if (isBucketed(scan.spec)) {
            if (collations.size() == 1 && collations.get(0).getFieldIndex() == scan.spec.aggregation().keys().indexOf(null)) {
                pushOrdered(call, sort, scan, collations.get(0), n);
            }
            return;
        }
        if (!scan.spec.acceptsRowOperations()) {
            return;
        }
        if (collations.isEmpty()) {
            call.transformTo(scan.with(scan.spec.withLimit(n)));
            return;
        }
        if (collations.size() != 1) {
            return;
        }
        RelFieldCollation c = collations.get(0);
        MeasurementColumn column = scan.measurement.columns().get(scan.spec.tableColumn(c.getFieldIndex()));
        if (column.kind() == ColumnKind.TIME) {
            pushOrdered(call, sort, scan, c, n);
        }
    }

    /** A pushed aggregation by time bucket that nothing was pushed onto yet. */
    private static boolean isBucketed(ScanSpec spec) {
        return spec.aggregation() != null && spec.aggregation().bucketMillis() > 0 && spec.limit() == 0
                && spec.order() == ScanSpec.TimeOrder.NONE;
    }

    private static void pushOrdered(RelOptRuleCall call, Sort sort, StoreScan scan, RelFieldCollation c, long n) {
        ScanSpec.TimeOrder order = c.getDirection() == RelFieldCollation.Direction.DESCENDING
                ? ScanSpec.TimeOrder.NEWEST_FIRST
                : c.getDirection() == RelFieldCollation.Direction.ASCENDING && scan.spec.hasLowerBound()
                        ? ScanSpec.TimeOrder.OLDEST_FIRST : null;
        if (order != null) {
            call.transformTo(scan.ordered(scan.spec.withTopByTime(n, order), sort.getCollation()));
        }
    }
}
