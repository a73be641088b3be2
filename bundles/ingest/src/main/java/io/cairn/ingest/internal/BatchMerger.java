package io.cairn.ingest.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.WriteBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Merges small batches of the same database and measurement into larger columnar batches. */
final class BatchMerger {
    /** A column of one of the merged batches, whose row 0 is the merged batch's row {@code offset}. */
    private record Placed(FieldColumn column, int offset) {
    }

    private BatchMerger() {
    }

    /**
     * Returns the batches grouped by database and measurement, in order of first appearance;
     * each group is one merged batch, or its original batches when their field types clash.
     */
    static List<List<WriteBatch>> group(List<WriteBatch> batches) {
        Map<String, List<WriteBatch>> groups = new LinkedHashMap<>();
        for (WriteBatch b : batches) {
            groups.computeIfAbsent(b.database() + '\u0000' + b.measurement(), k -> new ArrayList<>()).add(b);
        }
        return new ArrayList<>(groups.values());
    }

    /** Returns one batch with the rows of batches of one database and measurement. */
    static WriteBatch merge(List<WriteBatch> batches) {
        if (batches.size() == 1) {
            return batches.get(0);
        }
        WriteBatch first = batches.get(0);
        int total = 0;
        for (WriteBatch b : batches) {
            total += b.size();
        }
        WriteBatch.Builder builder = WriteBatch.builder(first.database(), first.measurement(), total);
        Map<String, List<Placed>> columns = new LinkedHashMap<>();
        for (WriteBatch b : batches) {
            int offset = builder.size();
            for (int r = 0; r < b.size(); r++) {
                builder.addRow(b.tags(r), b.time(r));
            }
            for (FieldColumn c : b.fields()) {
                columns.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(new Placed(c, offset));
            }
        }
        for (List<Placed> parts : columns.values()) {
            for (Placed p : parts) {
                copy(p.column, builder, p.offset);
            }
        }
        return builder.build();
    }

    /**
     * Sets a column's present values on the rows from {@code offset} on.
     *
     * @throws IllegalArgumentException if the field has another type in an earlier batch
     */
    private static void copy(FieldColumn c, WriteBatch.Builder builder, int offset) {
        boolean dense = c.isDense();
        WriteBatch.ColumnBuilder target = null;
        for (int r = 0; r < c.size(); r++) {
            if (dense || c.isPresent(r)) {
                if (target == null) {
                    target = builder.column(c.name(), c.type());
                }
                set(c, r, target, offset + r);
            }
        }
    }

    private static void set(FieldColumn c, int r, WriteBatch.ColumnBuilder target, int row) {
        switch (c.type()) {
            case FLOAT -> target.setDouble(row, c.doubleAt(r));
            case INTEGER -> target.setLong(row, c.longAt(r));
            case BOOLEAN -> target.setBoolean(row, c.booleanAt(r));
            case STRING -> target.setString(row, c.stringAt(r));
        }
    }
}
