package io.cairn.query.internal.sql;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/** A database as a SQL schema: one {@link MeasurementTable} per measurement, listed once per prepared statement. */
final class DatabaseSchema extends AbstractSchema {
    private final StatementCatalog catalog;
    private final String database;
    private Map<String, Table> tables;

    DatabaseSchema(StatementCatalog catalog, String database) {
        this.catalog = catalog;
        this.database = database;
    }

    @Override
    protected synchronized Map<String, Table> getTableMap() {
        if (tables == null) {
            tables = new LinkedHashMap<>();
            for (String measurement : catalog.measurements(database)) {
                tables.put(measurement, new MeasurementTable(catalog, database, measurement));
            }
        }
        return tables;
    }

    @Override
    public boolean isMutable() {
        return false;
    }
}
