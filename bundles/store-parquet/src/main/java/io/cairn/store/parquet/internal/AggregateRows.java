package io.cairn.store.parquet.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.Tags;
import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.SeriesBatch;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes an aggregation while rows stream by: memory holds one accumulator per group, bucket and
 * field, never the rows.
 */
final class AggregateRows {
    private final Slots slots;
    private final Aggregation aggregation;
    private final long start;
    private final Map<Tags, TreeMap<Long, Accumulator[]>> groups = new TreeMap<>();
    private Tags lastTags;
    private TreeMap<Long, Accumulator[]> lastGroup;

    AggregateRows(Slots slots, Aggregation aggregation, long start) {
        this.slots = slots;
        this.aggregation = aggregation;
        this.start = start;
    }

    void add(Row row) {
        Tags tags = row.tags();
        if (tags != lastTags) {
            lastTags = tags;
            lastGroup = groups.computeIfAbsent(tags.select(aggregation.groupBy()), g -> new TreeMap<>());
        }
        Accumulator[] bucket = null;
        for (int s = 0; s < slots.size(); s++) {
            if (!row.has(s)) {
                continue;
            }
            if (bucket == null) {
                bucket = lastGroup.computeIfAbsent(aggregation.bucketOf(row.time(), start),
                        b -> new Accumulator[slots.size()]);
            }
            if (bucket[s] == null) {
                bucket[s] = new Accumulator();
            }
            switch (slots.type(s)) {
                case FLOAT -> bucket[s].add(row.doubleAt(s));
                case INTEGER -> bucket[s].add(row.longAt(s));
                default -> bucket[s].count++;
            }
        }
    }

    /** Adds what row-group statistics say of one field's values in a group and bucket. */
    void addSummary(Tags group, long bucketStart, int slot, long count, double min, double max) {
        Accumulator[] bucket = groups.computeIfAbsent(group, g -> new TreeMap<>())
                .computeIfAbsent(bucketStart, b -> new Accumulator[slots.size()]);
        if (bucket[slot] == null) {
            bucket[slot] = new Accumulator();
        }
        Accumulator a = bucket[slot];
        a.count += count;
        a.min = Math.min(a.min, min);
        a.max = Math.max(a.max, max);
    }

    /** Returns one batch per group with data, groups sorted by tags, buckets ascending. */
    List<SeriesBatch> result() {
        List<SeriesBatch> out = new ArrayList<>();
        for (Map.Entry<Tags, TreeMap<Long, Accumulator[]>> group : groups.entrySet()) {
            TreeMap<Long, Accumulator[]> buckets = group.getValue();
            if (buckets.isEmpty()) {
                continue;
            }
            long[] times = buckets.keySet().stream().mapToLong(Long::longValue).toArray();
            List<Accumulator[]> rows = new ArrayList<>(buckets.values());
            List<FieldColumn> columns = new ArrayList<>();
            for (AggregateFunction function : aggregation.functions()) {
                for (int s = 0; s < slots.size(); s++) {
                    columns.add(column(function, s, rows));
                }
            }
            out.add(new SeriesBatch(group.getKey(), times.length, times, columns));
        }
        return out;
    }

    private FieldColumn column(AggregateFunction function, int slot, List<Accumulator[]> rows) {
        double[] values = new double[rows.size()];
        BitSet present = new BitSet(rows.size());
        boolean numeric = slots.type(slot).isNumeric();
        for (int r = 0; r < rows.size(); r++) {
            Accumulator a = rows.get(r)[slot];
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
        FieldColumn column = FieldColumn.ofDoubles(Aggregation.columnName(function, slots.name(slot)),
                values, rows.size());
        return present.cardinality() == rows.size() ? column : column.withPresence(present);
    }

    /** Count, sum, min and max of one field's values in one bucket. */
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
    }
}
