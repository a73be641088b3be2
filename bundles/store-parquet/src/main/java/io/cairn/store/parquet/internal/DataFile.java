package io.cairn.store.parquet.internal;

import io.cairn.api.model.FieldType;
import java.util.List;
import java.util.Map;

/**
 * One live Parquet file of a partition as its manifest records it.
 *
 * @param name file name inside the partition folder
 * @param seq write sequence: where files hold the same series, field and time, the higher wins
 * @param rows number of rows
 * @param minTime smallest time in the file
 * @param maxTime largest time in the file
 * @param bytes file size
 * @param tags the tag columns of the file
 * @param fields the field columns of the file with their types
 */
record DataFile(String name, long seq, long rows, long minTime, long maxTime, long bytes, List<String> tags,
        Map<String, FieldType> fields) {
    DataFile {
        tags = List.copyOf(tags);
        fields = Map.copyOf(fields);
    }
}
