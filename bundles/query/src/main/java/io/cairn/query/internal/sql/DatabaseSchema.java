package io.cairn.query.internal.sql;

import io.cairn.api.store.TimeSeriesStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/** A database as a SQL schema: one {@link MeasurementTable} per measurement, listed once per query. */
final class DatabaseSchema extends AbstractSchema {
    private final TimeSeriesStore store;
    private final String database;
    private Map<String, Table> tables;

    DatabaseSchema(TimeSeriesStore store, String database) {
        this.store = store;
        this.database = database;
    }

    @Override
    protected synchronized Map<String, Table> getTableMap() {
        if (tables == null) {
            tables = new LinkedHashMap<>();
            for (String measurement : store.measurements(database)) {
                tables.put(measurement, new MeasurementTable(store, database, measurement));
            }
        }
        return tables;
    }

    @Override
    public boolean isMutable() {
        return false;
    }
}
