package io.cairn.store.clickhouse.internal;

import com.clickhouse.data.ClickHouseFormat;
import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Inserts a batch as RowBinary: one row per present field value (series, field, time, float,
 * int, str and the batch's tag columns), in INSERTs of at most the configured number of rows.
 * Rows that repeat a (series, field, time) replace each other in the ReplacingMergeTree, the
 * later one winning, so a replayed or retried batch leaves one row per point.
 */
final class BatchInserter {
    private static final List<String> FIXED = List.of("series", "field", "time", "f64", "i64", "str");
    private static final byte[] EMPTY = RowBinaryWriter.encodedString("");

    private final ServerConnection server;
    private final TableCatalog catalog;
    private final int batchRows;

    BatchInserter(ServerConnection server, TableCatalog catalog) {
        this.server = server;
        this.catalog = catalog;
        this.batchRows = server.settings().batchRows();
    }

    /** Inserts the batch's points and returns how many were sent. */
    long insert(WriteBatch batch, MeasurementSchema schema) {
        List<String> tagColumns = new ArrayList<>();
        List<String> tagKeys = new ArrayList<>();
        for (Tags tags : batch.series()) {
            for (int i = 0; i < tags.size(); i++) {
                if (!tagKeys.contains(tags.key(i))) {
                    tagKeys.add(tags.key(i));
                    tagColumns.add(Names.tagColumn(tags.key(i)));
                }
            }
        }
        byte[][] seriesKeys = new byte[batch.series().size()][];
        byte[][][] tagValues = new byte[batch.series().size()][tagKeys.size()][];
        for (int s = 0; s < seriesKeys.length; s++) {
            Tags tags = batch.series().get(s);
            seriesKeys[s] = RowBinaryWriter.encodedString(Names.seriesKey(tags));
            for (int k = 0; k < tagKeys.size(); k++) {
                String value = tags.get(tagKeys.get(k));
                tagValues[s][k] = value == null ? EMPTY : RowBinaryWriter.encodedString(value);
            }
        }
        List<String> columns = new ArrayList<>(FIXED);
        tagColumns.forEach(c -> columns.add(SqlText.identifier(c)));
        List<FieldColumn> fields = batch.fields();
        byte[][] fieldNames = new byte[fields.size()][];
        for (int f = 0; f < fieldNames.length; f++) {
            fieldNames[f] = RowBinaryWriter.encodedString(fields.get(f).name());
        }
        int rowsPerInsert = Math.max(1, batchRows / Math.max(1, fields.size()));
        long sent = 0;
        for (int from = 0; from < batch.size(); from += rowsPerInsert) {
            int to = Math.min(batch.size(), from + rowsPerInsert);
            int first = from;
            long[] count = new long[1];
            server.insert(catalog.qualified(schema.table()), columns, out -> {
                RowBinaryWriter w = new RowBinaryWriter(out);
                for (int row = first; row < to; row++) {
                    int s = batch.seriesIndex(row);
                    for (int f = 0; f < fields.size(); f++) {
                        FieldColumn c = fields.get(f);
                        if (c.isPresent(row)) {
                            writeRow(w, seriesKeys[s], fieldNames[f], batch.time(row), c, row, tagValues[s]);
                            count[0]++;
                        }
                    }
                }
                w.flush();
            }, ClickHouseFormat.RowBinary);
            sent += count[0];
        }
        return sent;
    }

    private static void writeRow(RowBinaryWriter w, byte[] series, byte[] field, long time, FieldColumn c, int row,
            byte[][] tags) throws IOException {
        w.writeEncoded(series);
        w.writeEncoded(field);
        w.writeInt64(time);
        switch (c.type()) {
            case FLOAT -> {
                w.writeFloat64(c.doubleAt(row));
                w.writeInt64(0);
                w.writeEncoded(EMPTY);
            }
            case INTEGER -> {
                w.writeFloat64(0);
                w.writeInt64(c.longAt(row));
                w.writeEncoded(EMPTY);
            }
            case BOOLEAN -> {
                w.writeFloat64(0);
                w.writeInt64(c.booleanAt(row) ? 1 : 0);
                w.writeEncoded(EMPTY);
            }
            case STRING -> {
                w.writeFloat64(0);
                w.writeInt64(0);
                w.writeString(c.stringAt(row));
            }
        }
        for (byte[] tag : tags) {
            w.writeEncoded(tag);
        }
    }
}
