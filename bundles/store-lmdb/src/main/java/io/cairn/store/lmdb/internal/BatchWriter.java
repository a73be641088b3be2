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

    /**
     * What a write did: the values it wrote, the tags, series keys and ids of the batch's series the cache missed,
     * and the ids of all its series.
     */
    record Written(long values, Tags[] seriesTags, byte[][] seriesKeys, long[] seriesIds, long[] allSeriesIds) {
    }

    /**
     * Writes the batch within a transaction; once that committed, the caller hands the result to
     * {@link #committed}.
     */
    Written write(Txn<byte[]> txn, WriteBatch batch) {
        if (batch.size() == 0 || batch.fields().isEmpty()) {
            return new Written(0, null, null, null, null);
        }
        String db = batch.database();
        String measurement = batch.measurement();
        catalog.registerFields(txn, db, measurement, batch.fields());
        int seriesCount = batch.series().size();
        long[] ids = new long[seriesCount];
        byte[][] keys = new byte[seriesCount][];
        NewSeries created = index.newSeries(txn, db, measurement);
        int[] missed = new int[seriesCount];
        boolean[] createdNow = new boolean[seriesCount];
        int misses = 0;
        for (int s = 0; s < seriesCount; s++) {
            Tags tags = batch.series().get(s);
            long cached = seriesIds.find(db, measurement, tags);
            if (cached < 0) {
                keys[s] = Keys.seriesKey(db, measurement, tags);
                ids[s] = created.resolve(tags, keys[s]);
                createdNow[s] = created.lastCreated();
                missed[misses++] = s;
            } else {
                ids[s] = cached;
            }
        }
        created.finish();
        Rows rows = new Rows(batch);
        FieldColumn[] columns = batch.fields().toArray(new FieldColumn[0]);
        byte[][] names = new byte[columns.length][];
        boolean[] dense = new boolean[columns.length];
        Integer[] fieldOrder = new Integer[columns.length];
        for (int f = 0; f < columns.length; f++) {
            names[f] = columns[f].name().getBytes(StandardCharsets.UTF_8);
            dense[f] = columns[f].isDense();
            fieldOrder[f] = f;
        }
        Arrays.sort(fieldOrder, (a, b) -> Keys.compareFieldNames(names[a], names[b]));
        Integer[] seriesOrder = new Integer[seriesCount];
        Arrays.setAll(seriesOrder, s -> s);
        Arrays.sort(seriesOrder, Comparator.comparingLong(s -> ids[s]));
        long written = 0;
        try (FieldChunkWriter chunks = new FieldChunkWriter(lmdb, txn)) {
            for (int s : seriesOrder) {
                for (int f : fieldOrder) {
                    written += writeSeriesField(chunks, Keys.chunkPrefix(ids[s], names[f]), createdNow[s],
                            columns[f], dense[f], rows, s);
                }
            }
        }
        Tags[] missedTags = new Tags[misses];
        byte[][] missedKeys = new byte[misses][];
        long[] missedIds = new long[misses];
        for (int m = 0; m < misses; m++) {
            missedTags[m] = batch.series().get(missed[m]);
            missedKeys[m] = keys[missed[m]];
            missedIds[m] = ids[missed[m]];
        }
        return new Written(written, missedTags, missedKeys, missedIds, ids);
    }

    /** Remembers the series ids of a committed write. */
    void committed(WriteBatch batch, Written written) {
        if (written.seriesIds() != null) {
            seriesIds.committed(batch.database(), batch.measurement(), written.seriesTags(), written.seriesKeys(),
                    written.seriesIds());
        }
    }

    /** Returns the cache of series ids (for tests and stats). */
    SeriesIdCache seriesIdCache() {
        return seriesIds;
    }

    /** The rows of a batch grouped by series, with their times and the blocks of their times. */
    private static final class Rows {
        final long[] times;
        final long[] blocks;
        final RowsBySeries bySeries;
        final int[] present;

        Rows(WriteBatch batch) {
            times = new long[batch.size()];
            blocks = new long[batch.size()];
            for (int r = 0; r < times.length; r++) {
                times[r] = batch.time(r);
                blocks[r] = Keys.blockOf(times[r]);
            }
            bySeries = RowsBySeries.of(batch, times);
            present = new int[bySeries.maxRowsOfASeries()];
        }
    }

    private static long writeSeriesField(FieldChunkWriter chunks, byte[] prefix, boolean newSeries,
            FieldColumn column, boolean dense, Rows rows, int series) {
        int[] present = rows.present;
        int n = 0;
        for (int i = rows.bySeries.start(series); i < rows.bySeries.end(series); i++) {
            int row = rows.bySeries.row(i);
            if (dense || column.isPresent(row)) {
                present[n++] = row;
            }
        }
        if (n == 0) {
            return 0;
        }
        chunks.begin(prefix, newSeries);
        long written = 0;
        int from = 0;
        while (from < n) {
            long block = rows.blocks[present[from]];
            int to = from + 1;
            while (to < n && rows.blocks[present[to]] == block) {
                to++;
            }
            ChunkPoints fresh = ChunkPoints.ofRows(column, rows.times, present, from, to);
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
