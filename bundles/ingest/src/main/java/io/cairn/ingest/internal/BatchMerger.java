package io.cairn.ingest.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.WriteBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Merges small batches of the same database and measurement into larger columnar batches. */
final class BatchMerger {
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
        WriteBatch.Builder builder = WriteBatch.builder(first.database(), first.measurement());
        for (WriteBatch b : batches) {
            for (int r = 0; r < b.size(); r++) {
                int row = builder.addRow(b.tags(r), b.time(r));
                for (FieldColumn c : b.fields()) {
                    if (!c.isPresent(r)) {
                        continue;
                    }
                    switch (c.type()) {
                        case FLOAT -> builder.setDouble(row, c.name(), c.doubleAt(r));
                        case INTEGER -> builder.setLong(row, c.name(), c.longAt(r));
                        case BOOLEAN -> builder.setBoolean(row, c.name(), c.booleanAt(r));
                        case STRING -> builder.setString(row, c.name(), c.stringAt(r));
                    }
                }
            }
        }
        return builder.build();
    }
}
