package io.cairn.store.clickhouse.internal;

import io.cairn.api.model.FieldType;
import java.util.Map;
import java.util.Set;

/**
 * What ClickHouse holds for one measurement: its table, the tag columns it has and the fields
 * recorded with their types.
 *
 * @param table the table's name (unquoted, inside the store's database)
 * @param tagColumns the names of its tag columns
 * @param fields the fields and their types
 */
record MeasurementSchema(String table, Set<String> tagColumns, Map<String, FieldType> fields) {
    MeasurementSchema {
        tagColumns = Set.copyOf(tagColumns);
        fields = Map.copyOf(fields);
    }

    /** Returns whether the table has a column for a tag key. */
    boolean hasTag(String key) {
        try {
            return tagColumns.contains(Names.tagColumn(key));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
