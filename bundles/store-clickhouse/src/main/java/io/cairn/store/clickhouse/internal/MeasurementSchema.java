package io.cairn.store.clickhouse.internal;

import io.cairn.api.model.FieldType;
import java.util.Map;
import java.util.Set;

/**
 * What ClickHouse holds for one measurement: its table, the tag columns it has, the fields
 * recorded with their types, its partition key, and whether its series and possible duplicates are
 * tracked (in {@value TableCatalog#SERIES} and {@value TableCatalog#MARKS}) so reads may skip FINAL.
 *
 * @param table the table's name (unquoted, inside the store's database)
 * @param tagColumns the names of its tag columns
 * @param fields the fields and their types
 * @param partitionKey the table's PARTITION BY expression, as the server reports it
 * @param tracked whether every write that may repeat a row is marked in {@value TableCatalog#MARKS}
 */
record MeasurementSchema(String table, Set<String> tagColumns, Map<String, FieldType> fields, String partitionKey,
        boolean tracked) {
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

    /** Returns the schema with more fields. */
    MeasurementSchema withFields(Map<String, FieldType> more) {
        Map<String, FieldType> all = new java.util.HashMap<>(fields);
        all.putAll(more);
        return new MeasurementSchema(table, tagColumns, all, partitionKey, tracked);
    }
}
