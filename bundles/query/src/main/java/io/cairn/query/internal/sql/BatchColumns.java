package io.cairn.query.internal.sql;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.store.SeriesBatch;
import java.util.List;

/**
 * Finds named columns in store batches, first where they stood in the previous batch: a store hands out its
 * columns in the same order batch after batch, so each name costs one comparison instead of a search. Once found,
 * a name is kept as the batch's own string, which a store's later batches often share, so that the comparison
 * stops at the reference.
 */
final class BatchColumns {
    private final String[] names;
    private final int[] at;

    BatchColumns(String[] names) {
        this.names = names.clone();
        this.at = new int[names.length];
    }

    /** Fills {@code out} with the batch's column of each name (null where the batch has none; names may be null). */
    void find(SeriesBatch batch, FieldColumn[] out) {
        List<FieldColumn> columns = batch.columns();
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            if (name == null) {
                out[i] = null;
                continue;
            }
            int guess = at[i];
            if (guess < columns.size() && name.equals(columns.get(guess).name())) {
                out[i] = columns.get(guess);
                names[i] = out[i].name();
                continue;
            }
            out[i] = null;
            for (int c = 0; c < columns.size(); c++) {
                if (name.equals(columns.get(c).name())) {
                    at[i] = c;
                    out[i] = columns.get(c);
                    names[i] = out[i].name();
                    break;
                }
            }
        }
    }
}
