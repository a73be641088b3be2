package io.cairn.store.lmdb.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.Tags;
import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.SeriesBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lmdbjava.Cursor;
import org.lmdbjava.Txn;

/**
 * Computes an aggregation per group and time bucket. A chunk that lies inside the range and
 * inside one bucket is counted from its header alone; only the others are decoded. One scan serves many groups in
 * turn: {@link #result()} hands out the groups so far and starts over. An aggregation with one bucket over many
 * series can instead read every series' chunks in one pass first ({@link #sweep}) and add the series from that.
 */
final class AggregateScan {
    private final LmdbEnvironment lmdb;
    private final ScanFields scanFields;
    private final List<String> fields;
    private final Aggregation aggregation;
    private final long start;
    private final long end;
    private final Map<Tags, GroupBuckets> groups = new TreeMap<>();
    private final boolean[] numeric;
    private final Cursor<byte[]> chunksCursor;
    private final ScanBuffers buffers = new ScanBuffers();
    private final byte[][] fieldsUtf8;
    private final String[][] columnNames;
    private Tags lastGroup;
    private GroupBuckets lastBuckets;

    AggregateScan(LmdbEnvironment lmdb, ScanFields fields, Aggregation aggregation, long start, long end) {
        this(lmdb, null, fields, aggregation, start, end);
    }

    /** An aggregation reading chunks through a cursor of {@code chunks} that the caller opened (or its own, null). */
    AggregateScan(LmdbEnvironment lmdb, Cursor<byte[]> chunksCursor, ScanFields fields, Aggregation aggregation,
            long start, long end) {
        this.lmdb = lmdb;
        this.chunksCursor = chunksCursor;
        this.scanFields = fields;
        this.fields = fields.outputNames();
        this.aggregation = aggregation;
        this.start = start;
        this.end = end;
        this.fieldsUtf8 = new byte[this.fields.size()][];
        this.numeric = new boolean[this.fields.size()];
        this.columnNames = new String[aggregation.functions().size()][this.fields.size()];
        for (int f = 0; f < fieldsUtf8.length; f++) {
            fieldsUtf8[f] = this.fields.get(f).getBytes(StandardCharsets.UTF_8);
            numeric[f] = fields.outputTypes().get(f).isNumeric();
            for (int a = 0; a < columnNames.length; a++) {
                columnNames[a][f] = Aggregation.columnName(aggregation.functions().get(a), this.fields.get(f));
            }
        }
    }

    /** Adds the points of one series in the range to a group given by its tags (those of the group-by keys). */
    void addToGroup(Txn<byte[]> txn, long seriesId, Tags group) {
        GroupBuckets buckets = buckets(group);
        if (scanFields.filter() != null) {
            addSelectedRows(txn, seriesId, buckets);
            return;
        }
        for (int f = 0; f < fields.size(); f++) {
            try (FieldChunks chunks = new FieldChunks(lmdb, txn, chunksCursor, seriesId, fieldsUtf8[f], start, end)) {
                while (chunks.peekBlock() != Long.MAX_VALUE) {
                    byte[] chunk = chunks.take();
                    ChunkHeader h = ChunkCodec.header(chunk);
                    long bucket = aggregation.bucketOf(h.minTime(), start);
                    if (h.minTime() >= start && h.maxTime() < end && bucket == aggregation.bucketOf(h.maxTime(), start)) {
                        buckets.accumulator(bucket, f).addSummary(h);
                        continue;
                    }
                    ChunkPoints points = ChunkCodec.decode(chunk).slice(start, end);
                    boolean numeric = points.type.isNumeric();
                    for (int i = 0; i < points.size; i++) {
                        buckets.accumulator(aggregation.bucketOf(points.times[i], start), f)
                                .add(numeric ? points.doubleAt(i) : Double.NaN);
                    }
                }
            }
        }
    }

    /**
     * Returns, filled by a {@link ChunkSweep}, the cells of every series id up to {@code maxId} when this aggregation
     * has one bucket and no field predicates, and {@code matching} of the ids are wanted (a quarter or more, so
     * the pass reads little that is not asked for) and the table fits {@link SeriesCells#MAX_CELLS}; else null.
     */
    SeriesCells sweep(Txn<byte[]> txn, long maxId, long matching) {
        boolean oneBucket = start < end && (aggregation.bucketNanos() == 0
                || aggregation.bucketOf(start, start) == aggregation.bucketOf(end - 1, start));
        if (!oneBucket || scanFields.filter() != null || scanFields.impossible() || matching * 4 < maxId
                || !SeriesCells.fits(maxId, fields.size(), aggregation.functions())) {
            return null;
        }
        SeriesCells cells = new SeriesCells(maxId, fields.size(), aggregation.functions());
        ChunkSweep.fill(lmdb, txn, fieldsUtf8, start, end, maxId, cells);
        return cells;
    }

    /** Adds the cells of one series that a {@link #sweep} filled to a group. */
    void addCells(SeriesCells cells, long seriesId, Tags group) {
        addCells(cells, seriesId, buckets(group));
    }

    /** Adds the cells of one series that a {@link #sweep} filled to the buckets of a group held by the caller. */
    void addCells(SeriesCells cells, long seriesId, GroupBuckets buckets) {
        long bucket = aggregation.bucketOf(start, start);
        for (int f = 0; f < fields.size(); f++) {
            if (cells.count(f, seriesId) > 0) {
                cells.addTo(f, seriesId, buckets.accumulator(bucket, f));
            }
        }
    }

    /** Returns empty buckets for a group that the caller holds, to be turned into a batch by {@link #batchOf}. */
    GroupBuckets newBuckets() {
        return new GroupBuckets(fields.size());
    }

    private GroupBuckets buckets(Tags group) {
        if (group != lastGroup) {
            lastBuckets = groups.computeIfAbsent(group, g -> new GroupBuckets(fields.size()));
            lastGroup = group;
        }
        return lastBuckets;
    }

    /** Adds the values of the rows that meet the field predicates, decoding every chunk they need. */
    private void addSelectedRows(Txn<byte[]> txn, long seriesId, GroupBuckets buckets) {
        if (scanFields.impossible()) {
            return;
        }
        try (SeriesRows rows = new SeriesRows(lmdb, txn, seriesId, Tags.EMPTY, scanFields, start, end, buffers)) {
            for (BlockRows block = rows.nextBlock(); block != null; block = rows.nextBlock()) {
                for (int f = 0; f < fields.size(); f++) {
                    ChunkPoints values = block.values[f];
                    if (values == null) {
                        continue;
                    }
                    boolean numeric = values.type.isNumeric();
                    for (int r = block.nextWithValue(f, 0); r >= 0; r = block.nextWithValue(f, r + 1)) {
                        buckets.accumulator(aggregation.bucketOf(block.times[r], start), f)
                                .add(numeric ? values.doubleAt(r) : Double.NaN);
                    }
                }
            }
        }
    }

    /** Returns one batch per group with data, groups sorted by tags, buckets ascending, and forgets the groups. */
    List<SeriesBatch> result() {
        List<SeriesBatch> out = new ArrayList<>(groups.size());
        for (Map.Entry<Tags, GroupBuckets> group : groups.entrySet()) {
            if (group.getValue().size() > 0) {
                out.add(batchOf(group.getKey(), group.getValue()));
            }
        }
        groups.clear();
        lastGroup = null;
        lastBuckets = null;
        return out;
    }

    /** Returns the batch of a group with at least one bucket. */
    SeriesBatch batchOf(Tags group, GroupBuckets buckets) {
        long[] times = buckets.times();
        Accumulator[][] rows = buckets.rows();
        int size = times.length;
        int fieldCount = fields.size();
        List<FieldColumn> columns = new ArrayList<>(columnNames.length * fieldCount);
        for (int a = 0; a < columnNames.length; a++) {
            AggregateFunction function = aggregation.functions().get(a);
            for (int f = 0; f < fieldCount; f++) {
                double[] values = new double[size];
                BitSet present = null;
                for (int r = 0; r < size; r++) {
                    Accumulator acc = rows[r][f];
                    long count = acc == null ? 0 : acc.count;
                    if (function == AggregateFunction.COUNT) {
                        values[r] = count;
                    } else if (count > 0 && numeric[f]) {
                        values[r] = valueOf(function, acc);
                    } else {
                        if (present == null) {
                            present = new BitSet(size);
                            present.set(0, size);
                        }
                        present.clear(r);
                    }
                }
                FieldColumn column = FieldColumn.ofDoubles(columnNames[a][f], values, size);
                columns.add(present == null ? column : column.withPresence(present));
            }
        }
        return new SeriesBatch(group, size, times, columns);
    }

    private static double valueOf(AggregateFunction function, Accumulator a) {
        return switch (function) {
            case SUM -> a.sum;
            case MIN -> a.min;
            case MAX -> a.max;
            case AVG -> a.sum / a.count;
            case COUNT -> a.count;
            default -> throw new IllegalArgumentException(function + " is not computed by this store");
        };
    }
}
