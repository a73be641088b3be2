package io.cairn.store.lmdb.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.store.SeriesBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.lmdbjava.Txn;

/**
 * The latest row of recently read series, kept between reads so that asking again for the latest values of a
 * series that was not written since (a dashboard's "last point" panels) reads no chunk. A row is cached only when
 * every field read ends at the same time in its open chunk. Bounded: emptied when it holds {@code capacity} series.
 * A committed write removes the series it wrote; retention empties the cache. A row read while any write committed
 * is not kept, so a reader's older snapshot never outlives the write that replaced it. Every read of a row hands
 * out the same one-row batch, which its readers must not change.
 */
final class LatestPointCache {
    /** How many series' rows are kept at most (about 1 KB each for ten fields). */
    static final int DEFAULT_CAPACITY = 16_384;

    private final ConcurrentHashMap<Long, Row> rows = new ConcurrentHashMap<>();
    private final AtomicLong commits = new AtomicLong();
    private final int capacity;
    private volatile OutputNames lastNames = new OutputNames(null, List.of());

    /** The output names of the last scan asked for, as the list its rows were kept with. */
    private record OutputNames(ScanFields fields, List<String> names) {
    }

    LatestPointCache(int capacity) {
        this.capacity = capacity;
    }

    /** Returns the count of committed writes so far: read it before a read transaction opens. */
    long generation() {
        return commits.get();
    }

    /** Forgets the rows of series a committed write touched. */
    void written(long[] seriesIds) {
        commits.incrementAndGet();
        if (seriesIds != null && !rows.isEmpty()) {
            for (long id : seriesIds) {
                rows.remove(id);
            }
        }
    }

    /** Forgets every row, after a committed change that may touch any series (retention). */
    void clear() {
        commits.incrementAndGet();
        rows.clear();
    }

    /**
     * Returns the latest row of a series' output fields in {@code [start, end)}, or null when the series has no
     * value in the range; {@code walk} answers when the cache cannot (fields ending at different times, a string
     * or boolean field, a range ending before the latest point).
     */
    SeriesBatch latest(LmdbEnvironment lmdb, Txn<byte[]> txn, long generation, long seriesId, Tags tags,
            ScanFields fields, long start, long end, Supplier<SeriesBatch> walk) {
        List<String> names = outputNames(fields);
        Row row = rows.get(seriesId);
        if (row == null || row.names != names && !row.names.equals(names)) {
            row = Row.read(lmdb, txn, seriesId, tags, names);
            if (row == null) {
                return walk.get();
            }
            keep(seriesId, row, generation);
        }
        if (row.time >= end) {
            return walk.get();
        }
        return row.time < start ? null : row.batch;
    }

    /**
     * Returns a scan's output names as one list for every series it reads (and for later scans of the same names),
     * so that finding a series' row compares the lists by reference.
     */
    private List<String> outputNames(ScanFields fields) {
        OutputNames last = lastNames;
        if (last.fields() == fields) {
            return last.names();
        }
        List<String> wanted = fields.outputNames();
        List<String> names = last.names().equals(wanted) ? last.names() : List.copyOf(wanted);
        lastNames = new OutputNames(fields, names);
        return names;
    }

    private void keep(long seriesId, Row row, long generation) {
        if (rows.size() >= capacity) {
            rows.clear();
        }
        rows.put(seriesId, row);
        if (commits.get() != generation) {
            rows.remove(seriesId, row);
        }
    }

    /** Returns how many series' rows are cached. */
    int size() {
        return rows.size();
    }

    /**
     * The latest point of each of a series' fields, all at one time, read from their open chunks, as the one-row
     * batch every read of it hands out (shared: its arrays are never changed).
     */
    private record Row(List<String> names, long time, SeriesBatch batch) {
        static Row read(LmdbEnvironment lmdb, Txn<byte[]> txn, long seriesId, Tags tags, List<String> names) {
            int n = names.size();
            FieldType[] types = new FieldType[n];
            long[] bits = new long[n];
            long time = Long.MIN_VALUE;
            for (int o = 0; o < n; o++) {
                byte[] open = lmdb.openChunks.get(txn, Keys.chunkPrefix(seriesId, names.get(o)));
                if (open == null || !ChunkAppender.isAppendable(open) || !ChunkCodec.type(open).isNumeric()) {
                    return null;
                }
                long last = ChunkCodec.maxTime(open);
                if (o > 0 && last != time) {
                    return null;
                }
                time = last;
                types[o] = ChunkCodec.type(open);
                bits[o] = ChunkAppender.State.lastValue(open, types[o]);
            }
            return n == 0 ? null : new Row(names, time, batch(names, time, types, bits, tags));
        }

        private static SeriesBatch batch(List<String> names, long time, FieldType[] types, long[] bits, Tags tags) {
            List<FieldColumn> columns = new ArrayList<>(names.size());
            for (int o = 0; o < names.size(); o++) {
                columns.add(types[o] == FieldType.INTEGER
                        ? FieldColumn.ofLongs(names.get(o), new long[] {bits[o]}, 1)
                        : FieldColumn.ofDoubles(names.get(o), new double[] {Double.longBitsToDouble(bits[o])}, 1));
            }
            return new SeriesBatch(tags, 1, new long[] {time}, List.copyOf(columns));
        }
    }
}
