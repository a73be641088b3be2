package io.cairn.store.lmdb.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import org.lmdbjava.Txn;

/**
 * Writes a batch in one transaction, chunk keys in ascending order: rows are grouped by series,
 * field and time block, and written through {@link FieldChunkWriter}. Points later than everything
 * in their chunk (the common case) are appended to it without decoding; otherwise the chunk is
 * decoded, merged by time with the newer value winning at equal times, and re-encoded.
 */
final class BatchWriter {
    private final LmdbEnvironment lmdb;
    private final SeriesIndex index;
    private final Catalog catalog;
    private final SeriesIdCache seriesIds;

    BatchWriter(LmdbEnvironment lmdb, SeriesIndex index, Catalog catalog, int seriesCacheSize) {
        this.lmdb = lmdb;
        this.index = index;
        this.catalog = catalog;
        this.seriesIds = new SeriesIdCache(seriesCacheSize);
    }

    /** What a write did: the values it wrote and the series keys and ids of the batch's series the cache missed. */
    record Written(long values, byte[][] seriesKeys, long[] seriesIds) {
    }

    /**
     * Writes the batch within a transaction; once that committed, the caller hands the result to
     * {@link #committed}.
     */
    Written write(Txn<byte[]> txn, WriteBatch batch) {
        if (batch.size() == 0 || batch.fields().isEmpty()) {
            return new Written(0, null, null);
        }
        String db = batch.database();
        String measurement = batch.measurement();
        catalog.registerFields(txn, db, measurement, batch.fields());
        int seriesCount = batch.series().size();
        long[] ids = new long[seriesCount];
        byte[][] keys = new byte[seriesCount][];
        NewSeries created = index.newSeries(txn, db, measurement);
        int[] missed = new int[seriesCount];
        int misses = 0;
        for (int s = 0; s < seriesCount; s++) {
            Tags tags = batch.series().get(s);
            keys[s] = Keys.seriesKey(db, measurement, tags);
            long cached = seriesIds.find(keys[s]);
            if (cached < 0) {
                ids[s] = created.resolve(tags, keys[s]);
                missed[misses++] = s;
            } else {
                ids[s] = cached;
            }
        }
        created.finish();
        long[] times = new long[batch.size()];
        for (int r = 0; r < times.length; r++) {
            times[r] = batch.time(r);
        }
        RowsBySeries rows = RowsBySeries.of(batch, times);
        FieldColumn[] columns = batch.fields().toArray(new FieldColumn[0]);
        byte[][] names = new byte[columns.length][];
        Integer[] fieldOrder = new Integer[columns.length];
        for (int f = 0; f < columns.length; f++) {
            names[f] = columns[f].name().getBytes(StandardCharsets.UTF_8);
            fieldOrder[f] = f;
        }
        Arrays.sort(fieldOrder, (a, b) -> Keys.compareFieldNames(names[a], names[b]));
        Integer[] seriesOrder = new Integer[seriesCount];
        Arrays.setAll(seriesOrder, s -> s);
        Arrays.sort(seriesOrder, Comparator.comparingLong(s -> ids[s]));
        int[] present = new int[rows.maxRowsOfASeries()];
        FieldChunkWriter chunks = new FieldChunkWriter(lmdb);
        long written = 0;
        for (int s : seriesOrder) {
            for (int f : fieldOrder) {
                written += writeSeriesField(txn, chunks, Keys.chunkPrefix(ids[s], names[f]), columns[f], times,
                        rows, s, present);
            }
        }
        byte[][] missedKeys = new byte[misses][];
        long[] missedIds = new long[misses];
        for (int m = 0; m < misses; m++) {
            missedKeys[m] = keys[missed[m]];
            missedIds[m] = ids[missed[m]];
        }
        return new Written(written, missedKeys, missedIds);
    }

    /** Remembers the series ids of a committed write. */
    void committed(WriteBatch batch, Written written) {
        if (written.seriesIds() != null) {
            seriesIds.committed(written.seriesKeys(), written.seriesIds());
        }
    }

    /** Returns the cache of series ids (for tests and stats). */
    SeriesIdCache seriesIdCache() {
        return seriesIds;
    }

    private static long writeSeriesField(Txn<byte[]> txn, FieldChunkWriter chunks, byte[] prefix,
            FieldColumn column, long[] times, RowsBySeries rows, int series, int[] present) {
        int n = 0;
        for (int i = rows.start(series); i < rows.end(series); i++) {
            int row = rows.row(i);
            if (column.isPresent(row)) {
                present[n++] = row;
            }
        }
        if (n == 0) {
            return 0;
        }
        chunks.begin(txn, prefix);
        long written = 0;
        int from = 0;
        while (from < n) {
            long block = Keys.blockOf(times[present[from]]);
            int to = from + 1;
            while (to < n && Keys.blockOf(times[present[to]]) == block) {
                to++;
            }
            ChunkPoints fresh = ChunkPoints.ofRows(column, times, present, from, to);
            chunks.write(block, fresh);
            written += fresh.size;
            from = to;
        }
        chunks.end();
        return written;
    }

    /** Returns the chunk holding the stored points (if any) and the fresh ones, fresh ones winning. */
    static byte[] merged(byte[] stored, ChunkPoints fresh) {
        if (stored == null) {
            return ChunkCodec.encode(fresh);
        }
        byte[] appended = ChunkCodec.append(stored, fresh);
        return appended != null ? appended : ChunkCodec.encode(ChunkCodec.decode(stored).merge(fresh));
    }
}
