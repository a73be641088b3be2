package io.cairn.store.clickhouse.internal;

import com.clickhouse.data.ClickHouseFormat;
import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Inserts a batch as RowBinary: one row per present field value (series, field, time, float,
 * int, str and the batch's tag columns), sorted like the table's key, in INSERTs of at most the configured
 * number of rows.
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
        int[][] cells = cellsInKeyOrder(batch);
        int[] cellRows = cells[0];
        int[] cellFields = cells[1];
        long sent = 0;
        for (int from = 0; from < cellRows.length; from += batchRows) {
            int to = Math.min(cellRows.length, from + batchRows);
            int first = from;
            server.insert(catalog.qualified(schema.table()), columns, out -> {
                RowBinaryWriter w = new RowBinaryWriter(out);
                for (int cell = first; cell < to; cell++) {
                    int row = cellRows[cell];
                    int s = batch.seriesIndex(row);
                    int f = cellFields[cell];
                    writeRow(w, seriesKeys[s], fieldNames[f], batch.time(row), fields.get(f), row, tagValues[s]);
                }
                w.flush();
            }, ClickHouseFormat.RowBinary);
            sent += to - from;
        }
        return sent;
    }

    /**
     * Returns the present values of a batch as (row, field) pairs in the table's key order (series key, field name,
     * time), so the server's sort of the block finds it sorted; rows of one series and time keep their order, so
     * the later of two writes of a point stays the one kept.
     */
    private static int[][] cellsInKeyOrder(WriteBatch batch) {
        int seriesCount = batch.series().size();
        byte[][] seriesKeys = new byte[seriesCount][];
        Integer[] series = new Integer[seriesCount];
        for (int s = 0; s < seriesCount; s++) {
            seriesKeys[s] = Names.seriesKey(batch.series().get(s)).getBytes(StandardCharsets.UTF_8);
            series[s] = s;
        }
        Arrays.sort(series, (a, b) -> Arrays.compareUnsigned(seriesKeys[a], seriesKeys[b]));
        int[] count = new int[seriesCount];
        for (int row = 0; row < batch.size(); row++) {
            count[batch.seriesIndex(row)]++;
        }
        int[] from = new int[seriesCount];
        for (int i = 0, at = 0; i < seriesCount; i++) {
            from[series[i]] = at;
            at += count[series[i]];
        }
        int[] rows = new int[batch.size()];
        int[] next = from.clone();
        for (int row = 0; row < batch.size(); row++) {
            rows[next[batch.seriesIndex(row)]++] = row;
        }
        for (int s = 0; s < seriesCount; s++) {
            sortByTime(batch, rows, from[s], next[s]);
        }
        List<FieldColumn> fields = batch.fields();
        Integer[] fieldOrder = new Integer[fields.size()];
        for (int f = 0; f < fieldOrder.length; f++) {
            fieldOrder[f] = f;
        }
        Arrays.sort(fieldOrder, Comparator.comparing(f -> fields.get(f).name()));
        int present = 0;
        for (FieldColumn c : fields) {
            for (int r = 0; r < batch.size(); r++) {
                present += c.isPresent(r) ? 1 : 0;
            }
        }
        int[] cellRows = new int[present];
        int[] cellFields = new int[present];
        int n = 0;
        for (Integer s : series) {
            for (int f : fieldOrder) {
                FieldColumn c = fields.get(f);
                for (int i = from[s]; i < next[s]; i++) {
                    if (c.isPresent(rows[i])) {
                        cellRows[n] = rows[i];
                        cellFields[n++] = f;
                    }
                }
            }
        }
        return new int[][] {cellRows, cellFields};
    }

    /** Sorts rows[from, to) by time, stably (equal times keep their order); usually they are in order already. */
    private static void sortByTime(WriteBatch batch, int[] rows, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            if (batch.time(rows[i]) < batch.time(rows[i - 1])) {
                Integer[] boxed = new Integer[to - from];
                for (int j = 0; j < boxed.length; j++) {
                    boxed[j] = rows[from + j];
                }
                Arrays.sort(boxed, Comparator.comparingLong(batch::time));
                for (int j = 0; j < boxed.length; j++) {
                    rows[from + j] = boxed[j];
                }
                return;
            }
        }
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
