package io.cairn.query.internal.sql;

import io.cairn.api.model.FieldType;
import io.cairn.api.store.TimeSeriesStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A measurement as a SQL table: {@code time}, one VARCHAR column per tag key and one column per
 * field, read from the store's catalog once per prepared statement; it plans as a {@link StoreScan}.
 */
public final class MeasurementTable extends AbstractTable implements TranslatableTable {
    private final StatementCatalog catalog;
    private final String database;
    private final String measurement;

    MeasurementTable(StatementCatalog catalog, String database, String measurement) {
        this.catalog = catalog;
        this.database = database;
        this.measurement = measurement;
    }

    /** Returns the columns of a measurement as the store's catalog has them now. */
    public static List<MeasurementColumn> columnsOf(TimeSeriesStore store, String database, String measurement) {
        List<MeasurementColumn> out = new ArrayList<>();
        out.add(new MeasurementColumn(MeasurementColumn.TIME, ColumnKind.TIME, null));
        List<String> names = new ArrayList<>(List.of(MeasurementColumn.TIME));
        for (String key : store.tagKeys(database, measurement)) {
            if (!names.contains(key)) {
                names.add(key);
                out.add(new MeasurementColumn(key, ColumnKind.TAG, null));
            }
        }
        for (Map.Entry<String, FieldType> field : store.fields(database, measurement).entrySet()) {
            if (!names.contains(field.getKey())) {
                names.add(field.getKey());
                out.add(new MeasurementColumn(field.getKey(), ColumnKind.FIELD, field.getValue()));
            }
        }
        return out;
    }

    /** Returns the columns, read from the catalog on first use. */
    public List<MeasurementColumn> columns() {
        return catalog.columns(database, measurement);
    }

    /** Returns the statement's view of the store: its catalog when planning, its store when running. */
    StatementCatalog catalog() {
        return catalog;
    }

    String database() {
        return database;
    }

    String measurement() {
        return measurement;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        RelDataTypeFactory.Builder row = typeFactory.builder();
        for (MeasurementColumn c : columns()) {
            SqlTypeName type = SqlTypeName.valueOf(c.sqlType());
            RelDataType t = type == SqlTypeName.TIMESTAMP ? typeFactory.createSqlType(type, 3)
                    : typeFactory.createSqlType(type);
            row.add(c.name(), typeFactory.createTypeWithNullability(t, c.kind() != ColumnKind.TIME));
        }
        return row.build();
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        return new StoreScan(context.getCluster(), relOptTable, this, ScanSpec.ALL);
    }
}
