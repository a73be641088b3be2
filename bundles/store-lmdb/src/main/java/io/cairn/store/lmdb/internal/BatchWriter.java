package io.cairn.store.lmdb.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.WriteBatch;
import java.util.Arrays;
import java.util.Comparator;
import org.lmdbjava.Txn;

/**
 * Writes a batch in one transaction: rows are grouped by series, field and time block, and each
 * group is merged into its chunk (decoded, merged by time with the newer value winning at equal
 * times, re-encoded).
 */
final class BatchWriter {
    private final LmdbEnvironment lmdb;
    private final SeriesIndex index;
    private final Catalog catalog;

    BatchWriter(LmdbEnvironment lmdb, SeriesIndex index, Catalog catalog) {
        this.lmdb = lmdb;
        this.index = index;
        this.catalog = catalog;
    }

    /** Writes the batch within a transaction and returns the number of values written. */
    long write(Txn<byte[]> txn, WriteBatch batch) {
        if (batch.size() == 0 || batch.fields().isEmpty()) {
            return 0;
        }
        String db = batch.database();
        String measurement = batch.measurement();
        catalog.registerFields(txn, db, measurement, batch.fields());
        long[] ids = new long[batch.series().size()];
        for (int s = 0; s < ids.length; s++) {
            ids[s] = index.resolve(txn, db, measurement, batch.series().get(s));
        }
        long[] times = new long[batch.size()];
        Arrays.setAll(times, batch::time);
        int[] order = sortedRows(batch, times);
        long written = 0;
        for (FieldColumn column : batch.fields()) {
            int[] rows = Arrays.stream(order).filter(column::isPresent).toArray();
            int from = 0;
            while (from < rows.length) {
                int series = batch.seriesIndex(rows[from]);
                long block = Keys.blockOf(times[rows[from]]);
                int to = from + 1;
                while (to < rows.length && batch.seriesIndex(rows[to]) == series
                        && Keys.blockOf(times[rows[to]]) == block) {
                    to++;
                }
                ChunkPoints fresh = ChunkPoints.ofRows(column, times, rows, from, to);
                byte[] key = Keys.chunkKey(Keys.chunkPrefix(ids[series], column.name()), block);
                byte[] stored = lmdb.chunks.get(txn, key);
                ChunkPoints merged = stored == null ? fresh : ChunkCodec.decode(stored).merge(fresh);
                lmdb.chunks.put(txn, key, ChunkCodec.encode(merged));
                written += fresh.size;
                from = to;
            }
        }
        return written;
    }

    /** Returns the row indexes ordered by series, then time, then position in the batch. */
    private static int[] sortedRows(WriteBatch batch, long[] times) {
        Integer[] rows = new Integer[batch.size()];
        Arrays.setAll(rows, i -> i);
        Arrays.sort(rows, Comparator.<Integer>comparingInt(batch::seriesIndex)
                .thenComparingLong(r -> times[r])
                .thenComparingInt(r -> r));
        return Arrays.stream(rows).mapToInt(Integer::intValue).toArray();
    }
}
