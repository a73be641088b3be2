package io.cairn.store.parquet.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.Tags;
import io.cairn.api.store.SeriesBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/** Collects raw rows of one series into a {@link SeriesBatch} with one column per slot. */
final class SeriesBatchBuilder {
    private final Slots slots;
    private final int capacity;
    private Tags tags;
    private int size;
    private long[] times;
    private Object[] values;
    private BitSet[] present;

    SeriesBatchBuilder(Slots slots, int capacity) {
        this.slots = slots;
        this.capacity = capacity;
        reset(null);
    }

    private void reset(Tags next) {
        tags = next;
        size = 0;
        times = new long[16];
        values = new Object[slots.size()];
        present = new BitSet[slots.size()];
        for (int s = 0; s < slots.size(); s++) {
            present[s] = new BitSet();
            values[s] = switch (slots.type(s)) {
                case FLOAT -> new double[16];
                case INTEGER -> new long[16];
                case BOOLEAN -> new boolean[16];
                case STRING -> new String[16];
            };
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Returns whether a row of these tags can join the batch. */
    boolean accepts(Tags rowTags) {
        return size == 0 || size < capacity && PartitionMerge.compareTags(tags, rowTags) == 0;
    }

    void add(Row row) {
        if (size == 0) {
            tags = row.tags();
        }
        if (size == times.length) {
            grow(size * 2);
        }
        times[size] = row.time();
        for (int s = 0; s < slots.size(); s++) {
            if (!row.has(s)) {
                continue;
            }
            present[s].set(size);
            switch (slots.type(s)) {
                case FLOAT -> ((double[]) values[s])[size] = row.doubleAt(s);
                case INTEGER -> ((long[]) values[s])[size] = row.longAt(s);
                case BOOLEAN -> ((boolean[]) values[s])[size] = row.booleanAt(s);
                case STRING -> ((String[]) values[s])[size] = row.stringAt(s);
            }
        }
        size++;
    }

    private void grow(int length) {
        times = Arrays.copyOf(times, length);
        for (int s = 0; s < slots.size(); s++) {
            values[s] = switch (slots.type(s)) {
                case FLOAT -> Arrays.copyOf((double[]) values[s], length);
                case INTEGER -> Arrays.copyOf((long[]) values[s], length);
                case BOOLEAN -> Arrays.copyOf((boolean[]) values[s], length);
                case STRING -> Arrays.copyOf((String[]) values[s], length);
            };
        }
    }

    /** Returns the collected batch and starts an empty one. */
    SeriesBatch take() {
        List<FieldColumn> columns = new ArrayList<>(slots.size());
        for (int s = 0; s < slots.size(); s++) {
            String name = slots.name(s);
            FieldColumn column = switch (slots.type(s)) {
                case FLOAT -> FieldColumn.ofDoubles(name, (double[]) values[s], size);
                case INTEGER -> FieldColumn.ofLongs(name, (long[]) values[s], size);
                case BOOLEAN -> FieldColumn.ofBooleans(name, (boolean[]) values[s], size);
                case STRING -> FieldColumn.ofStrings(name, (String[]) values[s], size);
            };
            columns.add(present[s].cardinality() == size ? column : column.withPresence(present[s]));
        }
        SeriesBatch batch = new SeriesBatch(tags, size, times, columns);
        reset(null);
        return batch;
    }
}
