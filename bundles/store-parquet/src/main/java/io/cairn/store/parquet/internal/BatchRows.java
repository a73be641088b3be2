package io.cairn.store.parquet.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * The rows of a write batch that fall in one hour partition, sorted by series then time, with rows
 * of the same series and time merged (per field, the batch's last value wins): a {@link Row} view
 * moved with {@link #moveTo(int)}.
 */
final class BatchRows implements Row {
    private final WriteBatch batch;
    private final Slots slots;
    private final long hour;
    private final int count;
    private final int[] source;
    private final int[] firstRow;
    private int at;

    private BatchRows(WriteBatch batch, Slots slots, long hour, int count, int[] source, int[] firstRow) {
        this.batch = batch;
        this.slots = slots;
        this.hour = hour;
        this.count = count;
        this.source = source;
        this.firstRow = firstRow;
    }

    /** Splits a batch into its hour partitions, in ascending hour order. */
    static List<BatchRows> split(WriteBatch batch, Slots slots) {
        int[] rank = seriesRanks(batch.series());
        TreeMap<Long, List<Integer>> byHour = new TreeMap<>();
        for (int r = 0; r < batch.size(); r++) {
            byHour.computeIfAbsent(PartitionPaths.hourOf(batch.time(r)), h -> new ArrayList<>()).add(r);
        }
        Comparator<Integer> order = Comparator.<Integer>comparingInt(r -> rank[batch.seriesIndex(r)])
                .thenComparingLong(batch::time)
                .thenComparingInt(r -> r);
        List<BatchRows> out = new ArrayList<>();
        for (var e : byHour.entrySet()) {
            List<Integer> rows = e.getValue();
            rows.sort(order);
            out.add(merge(batch, slots, e.getKey(), rows));
        }
        return out;
    }

    private static int[] seriesRanks(List<Tags> series) {
        Integer[] idx = new Integer[series.size()];
        Arrays.setAll(idx, i -> i);
        Arrays.sort(idx, Comparator.comparing(series::get));
        int[] rank = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            rank[idx[i]] = i;
        }
        return rank;
    }

    private static BatchRows merge(WriteBatch batch, Slots slots, long hour, List<Integer> rows) {
        int n = slots.size();
        List<FieldColumn> columns = batch.fields();
        int[] source = new int[rows.size() * n];
        int[] first = new int[rows.size()];
        int count = 0;
        for (int r : rows) {
            boolean same = count > 0 && batch.seriesIndex(first[count - 1]) == batch.seriesIndex(r)
                    && batch.time(first[count - 1]) == batch.time(r);
            if (!same) {
                first[count] = r;
                Arrays.fill(source, count * n, count * n + n, -1);
                count++;
            }
            int base = (count - 1) * n;
            for (int s = 0; s < n; s++) {
                if (columns.get(s).isPresent(r)) {
                    source[base + s] = r;
                }
            }
        }
        return new BatchRows(batch, slots, hour, count, source, first);
    }

    long hour() {
        return hour;
    }

    int count() {
        return count;
    }

    Slots slots() {
        return slots;
    }

    BatchRows moveTo(int index) {
        at = index;
        return this;
    }

    @Override
    public long time() {
        return batch.time(firstRow[at]);
    }

    @Override
    public Tags tags() {
        return batch.tags(firstRow[at]);
    }

    @Override
    public boolean has(int slot) {
        return source[at * slots.size() + slot] >= 0;
    }

    private int row(int slot) {
        return source[at * slots.size() + slot];
    }

    @Override
    public double doubleAt(int slot) {
        return batch.fields().get(slot).doubleAt(row(slot));
    }

    @Override
    public long longAt(int slot) {
        return batch.fields().get(slot).longAt(row(slot));
    }

    @Override
    public boolean booleanAt(int slot) {
        return batch.fields().get(slot).booleanAt(row(slot));
    }

    @Override
    public String stringAt(int slot) {
        return batch.fields().get(slot).stringAt(row(slot));
    }
}
