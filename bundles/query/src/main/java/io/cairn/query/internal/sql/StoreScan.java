package io.cairn.query.internal.sql;

import io.cairn.api.store.ScanRequest;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * The logical scan of a measurement in the store, carrying what was pushed into it ({@link ScanSpec});
 * {@link EnumerableStoreScan} runs it. Its EXPLAIN terms name the pushed filter, projection,
 * aggregation, limit, order and latest rows per series.
 */
public class StoreScan extends TableScan {
    private static final double TABLE_ROWS = 1_000_000;

    final MeasurementTable measurement;
    final ScanSpec spec;
    private final RelDataType aggregatedType;

    /** A logical scan of a whole table; rules push into it, {@link StoreScanToEnumerableRule} makes it run. */
    StoreScan(RelOptCluster cluster, RelOptTable table, MeasurementTable measurement, ScanSpec spec) {
        this(cluster, cluster.traitSetOf(Convention.NONE), table, measurement, spec, null);
    }

    StoreScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, MeasurementTable measurement,
            ScanSpec spec, RelDataType aggregatedType) {
        super(cluster, traits, List.of(), table);
        this.measurement = measurement;
        this.spec = spec;
        this.aggregatedType = aggregatedType;
    }

    /** Returns a scan of the same table with another spec and the same row type (filters, limit). */
    StoreScan with(ScanSpec newSpec) {
        return create(getTraitSet(), newSpec, aggregatedType);
    }

    /** Returns a scan with another spec whose rows come in the given order (a pushed ORDER BY time). */
    StoreScan ordered(ScanSpec newSpec, RelCollation collation) {
        return create(getTraitSet().replace(collation), newSpec, aggregatedType);
    }

    /** Returns a scan whose rows are the output of a pushed aggregation of the given row type. */
    StoreScan aggregated(ScanSpec newSpec, RelDataType rowType) {
        return create(getTraitSet(), newSpec, rowType);
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return create(traitSet, spec, aggregatedType);
    }

    private StoreScan create(RelTraitSet traits, ScanSpec newSpec, RelDataType rowType) {
        return traits.contains(EnumerableConvention.INSTANCE)
                ? new EnumerableStoreScan(getCluster(), traits, getTable(), measurement, newSpec, rowType)
                : new StoreScan(getCluster(), traits, getTable(), measurement, newSpec, rowType);
    }

    @Override
    public RelDataType deriveRowType() {
        if (aggregatedType != null) {
            return aggregatedType;
        }
        RelDataType full = table.getRowType();
        if (spec.projection() == null) {
            return full;
        }
        List<RelDataTypeField> fields = full.getFieldList();
        var builder = getCluster().getTypeFactory().builder();
        for (int column : spec.projection()) {
            builder.add(fields.get(column));
        }
        return builder.build();
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        List<Object> filter = new ArrayList<>(spec.bounds());
        filter.addAll(spec.tags());
        filter.addAll(spec.fieldFilters());
        List<String> projected = new ArrayList<>();
        if (spec.projection() != null) {
            for (int c : spec.projection()) {
                projected.add(measurement.columns().get(c).name());
            }
        }
        String nativeQuery = nativeQuery();
        return super.explainTerms(pw)
                .itemIf("filter", filter, !filter.isEmpty())
                .itemIf("projection", projected, spec.projection() != null)
                .itemIf("aggregation", "[" + spec.aggregation() + "]", spec.aggregation() != null)
                .itemIf("limit", spec.limit(), spec.limit() > 0)
                .itemIf("order", (spec.aggregation() == null ? "time" : "time_bucket")
                        + (spec.order() == ScanSpec.TimeOrder.NEWEST_FIRST ? " DESC" : " ASC"),
                        spec.order() != ScanSpec.TimeOrder.NONE)
                .itemIf("latest", spec.latest(), spec.latest() > 0)
                .itemIf("groups", spec.latestGroups(), spec.latestGroups() != null)
                .itemIf("native", nativeQuery, nativeQuery != null);
    }

    /** Returns what the store runs for this scan in its own language, when it says and no parameter is unbound. */
    private String nativeQuery() {
        if (spec.hasParameters()) {
            return null;
        }
        ScanRequest request = new ScanExecution(measurement.catalog(), measurement.database(), measurement.measurement(),
                measurement.columns(), spec).request(null);
        return request == null ? null : measurement.catalog().store().describe(request);
    }

    @Override
    public double estimateRowCount(RelMetadataQuery mq) {
        double rows = TABLE_ROWS * Math.pow(0.5, spec.bounds().size()) * Math.pow(0.2, spec.tags().size())
                * Math.pow(0.3, spec.fieldFilters().size());
        if (spec.latest() > 0) {
            rows *= 0.001;
        }
        if (spec.aggregation() != null || spec.latestGroups() != null) {
            rows *= 0.01;
        }
        return spec.limit() > 0 ? Math.min(rows, spec.limit()) : rows;
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        double rows = estimateRowCount(mq);
        double width = (getRowType().getFieldCount() + 2.0) / (table.getRowType().getFieldCount() + 2.0);
        return planner.getCostFactory().makeCost(rows, rows * width, 0);
    }

    @Override
    public void register(RelOptPlanner planner) {
        for (var rule : PushDownRules.ALL) {
            planner.addRule(rule);
        }
        planner.addRule(StoreScanToEnumerableRule.INSTANCE);
        // ORDER BY ... LIMIT n keeps the n best rows in a bounded heap instead of sorting every row (top-N groups)
        planner.addRule(EnumerableRules.ENUMERABLE_LIMIT_SORT_RULE);
    }
}
