package io.cairn.store.lmdb.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.FieldType;
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
 * turn: {@link #result()} hands out the groups so far and starts over.
 */
final class AggregateScan {
    private final LmdbEnvironment lmdb;
    private final ScanFields scanFields;
    private final List<String> fields;
    private final List<FieldType> types;
    private final Aggregation aggregation;
    private final long start;
    private final long end;
    private final Map<Tags, TreeMap<Long, Accumulator[]>> groups = new TreeMap<>();
    private final Cursor<byte[]> chunksCursor;
    private final ScanBuffers buffers = new ScanBuffers();
    private final byte[][] fieldsUtf8;
    private final String[][] columnNames;

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
        this.types = fields.outputTypes();
        this.aggregation = aggregation;
        this.start = start;
        this.end = end;
        this.fieldsUtf8 = new byte[this.fields.size()][];
        this.columnNames = new String[aggregation.functions().size()][this.fields.size()];
        for (int f = 0; f < fieldsUtf8.length; f++) {
            fieldsUtf8[f] = this.fields.get(f).getBytes(StandardCharsets.UTF_8);
            for (int a = 0; a < columnNames.length; a++) {
                columnNames[a][f] = Aggregation.columnName(aggregation.functions().get(a), this.fields.get(f));
            }
        }
    }

    /** Adds the points of one series in the range to its group. */
    void add(Txn<byte[]> txn, long seriesId, Tags tags) {
        addToGroup(txn, seriesId, tags.select(aggregation.groupBy()));
    }

    /** Adds the points of one series in the range to a group given by its tags (those of the group-by keys). */
    void addToGroup(Txn<byte[]> txn, long seriesId, Tags group) {
        TreeMap<Long, Accumulator[]> buckets = groups.computeIfAbsent(group, g -> new TreeMap<>());
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
                        accumulator(buckets, bucket, f).addSummary(h);
                        continue;
                    }
                    ChunkPoints points = ChunkCodec.decode(chunk).slice(start, end);
                    boolean numeric = points.type.isNumeric();
                    for (int i = 0; i < points.size; i++) {
                        accumulator(buckets, aggregation.bucketOf(points.times[i], start), f)
                                .add(numeric ? points.doubleAt(i) : Double.NaN);
                    }
                }
            }
        }
    }

    /** Adds the values of the rows that meet the field predicates, decoding every chunk they need. */
    private void addSelectedRows(Txn<byte[]> txn, long seriesId, TreeMap<Long, Accumulator[]> buckets) {
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
                        accumulator(buckets, aggregation.bucketOf(block.times[r], start), f)
                                .add(numeric ? values.doubleAt(r) : Double.NaN);
                    }
                }
            }
        }
    }

    /** Returns one batch per group with data, groups sorted by tags, buckets ascending, and forgets the groups. */
    List<SeriesBatch> result() {
        List<SeriesBatch> out = new ArrayList<>();
        for (Map.Entry<Tags, TreeMap<Long, Accumulator[]>> group : groups.entrySet()) {
            TreeMap<Long, Accumulator[]> buckets = group.getValue();
            if (buckets.isEmpty()) {
                continue;
            }
            int size = buckets.size();
            long[] times = new long[size];
            List<Accumulator[]> rows = new ArrayList<>(buckets.values());
            int r = 0;
            for (long bucket : buckets.keySet()) {
                times[r++] = bucket;
            }
            List<FieldColumn> columns = new ArrayList<>(columnNames.length * fields.size());
            for (int a = 0; a < columnNames.length; a++) {
                for (int f = 0; f < fields.size(); f++) {
                    columns.add(column(aggregation.functions().get(a), columnNames[a][f], f, rows));
                }
            }
            out.add(new SeriesBatch(group.getKey(), size, times, columns));
        }
        groups.clear();
        return out;
    }

    private FieldColumn column(AggregateFunction function, String name, int field, List<Accumulator[]> rows) {
        double[] values = new double[rows.size()];
        BitSet present = new BitSet(rows.size());
        boolean numeric = types.get(field).isNumeric();
        for (int r = 0; r < rows.size(); r++) {
            Accumulator a = rows.get(r)[field];
            long count = a == null ? 0 : a.count;
            if (function == AggregateFunction.COUNT) {
                values[r] = count;
                present.set(r);
            } else if (count > 0 && numeric) {
                values[r] = switch (function) {
                    case SUM -> a.sum;
                    case MIN -> a.min;
                    case MAX -> a.max;
                    case AVG -> a.sum / a.count;
                    case COUNT -> a.count;
                    default -> throw new IllegalArgumentException(function + " is not computed by this store");
                };
                present.set(r);
            }
        }
        FieldColumn column = FieldColumn.ofDoubles(name, values, rows.size());
        return present.cardinality() == rows.size() ? column : column.withPresence(present);
    }

    private Accumulator accumulator(TreeMap<Long, Accumulator[]> buckets, long bucket, int field) {
        Accumulator[] row = buckets.computeIfAbsent(bucket, b -> new Accumulator[fields.size()]);
        if (row[field] == null) {
            row[field] = new Accumulator();
        }
        return row[field];
    }

    /** Count, sum, min and max of the values of one field in one bucket. */
    private static final class Accumulator {
        long count;
        double sum;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;

        void add(double v) {
            count++;
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }

        void addSummary(ChunkHeader h) {
            count += h.count();
            if (h.type().isNumeric()) {
                sum += h.sum();
                min = Math.min(min, h.min());
                max = Math.max(max, h.max());
            }
        }
    }
}
