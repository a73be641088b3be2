package io.cairn.query.internal.sql;

import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.type.RelDataType;

/** The executable {@link StoreScan}: generated code asks a {@link ScanExecution} for its rows. */
final class EnumerableStoreScan extends StoreScan implements EnumerableRel {
    EnumerableStoreScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, MeasurementTable measurement,
            ScanSpec spec, RelDataType aggregatedType) {
        super(cluster, traits, table, measurement, spec, aggregatedType);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        boolean oneColumn = getRowType().getFieldCount() == 1;
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
                oneColumn ? JavaRowFormat.SCALAR : JavaRowFormat.ARRAY, false);
        ScanExecution execution = new ScanExecution(measurement.catalog(), measurement.database(),
                measurement.measurement(), measurement.columns(), spec);
        Expression stashed = implementor.stash(execution, ScanExecution.class);
        return implementor.result(physType,
                Blocks.toBlock(Expressions.call(stashed, oneColumn ? "values" : "enumerable", DataContext.ROOT)));
    }
}
