package io.cairn.query.internal.sql;

import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.ViewExpanders;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.RelOptTableImpl;
import org.apache.calcite.tools.RelBuilder;

/**
 * The scan of a measurement's table found by its exact name, for statements built as relational algebra
 * (SQL's lookup ignores case, so {@code cpu} could find {@code CPU}).
 */
public final class ExactTableScan {
    private ExactTableScan() {
    }

    /** Pushes the scan of {@code database.measurement} onto a builder made by the statement's planner. */
    public static RelBuilder push(RelBuilder b, String database, String measurement) {
        CalciteCatalogReader reader = (CalciteCatalogReader) b.getRelOptSchema();
        CalciteSchema schema = reader.getRootSchema().getSubSchema(database, true);
        CalciteSchema.TableEntry entry = schema == null ? null : schema.getTable(measurement, true);
        if (entry == null) {
            throw new IllegalStateException("no table " + database + "." + measurement);
        }
        RelOptTable table = RelOptTableImpl.create(reader, entry.getTable().getRowType(b.getTypeFactory()), entry, null);
        return b.push(table.toRel(ViewExpanders.simpleContext(b.getCluster())));
    }
}
