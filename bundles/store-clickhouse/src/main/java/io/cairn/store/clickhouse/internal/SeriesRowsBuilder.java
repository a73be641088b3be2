package io.cairn.store.clickhouse.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.FieldType;
import io.cairn.api.store.SeriesBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/** Gathers the narrow rows (one per field value) of one series into a batch with the fields side by side. */
final class SeriesRowsBuilder {
    private final String seriesKey;
    private final List<String> names;
    private final List<FieldType> types;
    private final BitSet[] present;
    private final double[][] doubles;
    private final long[][] longs;
    private final String[][] strings;
    private long[] times = new long[64];
    private int size;

    SeriesRowsBuilder(String seriesKey, List<String> names, List<FieldType> types) {
        this.seriesKey = seriesKey;
        this.names = names;
        this.types = types;
        int n = names.size();
        present = new BitSet[n];
        doubles = new double[n][];
        longs = new long[n][];
        strings = new String[n][];
        for (int f = 0; f < n; f++) {
            present[f] = new BitSet();
            switch (types.get(f)) {
                case FLOAT -> doubles[f] = new double[64];
                case INTEGER, BOOLEAN -> longs[f] = new long[64];
                case STRING -> strings[f] = new String[64];
            }
        }
    }

    String seriesKey() {
        return seriesKey;
    }

    int size() {
        return size;
    }

    long lastTime() {
        return times[size - 1];
    }

    /** Starts a row at a time later than the last one. */
    void addTime(long time) {
        if (size == times.length) {
            int capacity = size * 2;
            times = Arrays.copyOf(times, capacity);
            for (int f = 0; f < names.size(); f++) {
                if (doubles[f] != null) {
                    doubles[f] = Arrays.copyOf(doubles[f], capacity);
                } else if (longs[f] != null) {
                    longs[f] = Arrays.copyOf(longs[f], capacity);
                } else {
                    strings[f] = Arrays.copyOf(strings[f], capacity);
                }
            }
        }
        times[size++] = time;
    }

    /** Sets a field of the last row from the f64, i64 and str columns (the one of the field's type counts). */
    void set(int field, double f64, long i64, String str) {
        int row = size - 1;
        switch (types.get(field)) {
            case FLOAT -> doubles[field][row] = f64;
            case INTEGER, BOOLEAN -> longs[field][row] = i64;
            case STRING -> strings[field][row] = str;
        }
        present[field].set(row);
    }

    SeriesBatch build() {
        List<FieldColumn> columns = new ArrayList<>(names.size());
        for (int f = 0; f < names.size(); f++) {
            String name = names.get(f);
            FieldColumn c = switch (types.get(f)) {
                case FLOAT -> FieldColumn.ofDoubles(name, Arrays.copyOf(doubles[f], size), size);
                case INTEGER -> FieldColumn.ofLongs(name, Arrays.copyOf(longs[f], size), size);
                case BOOLEAN -> FieldColumn.ofBooleans(name, booleans(longs[f]), size);
                case STRING -> FieldColumn.ofStrings(name, Arrays.copyOf(strings[f], size), size);
            };
            columns.add(present[f].cardinality() == size ? c : c.withPresence(present[f]));
        }
        return new SeriesBatch(Names.tagsOf(seriesKey), size, Arrays.copyOf(times, size), columns);
    }

    private boolean[] booleans(long[] values) {
        boolean[] out = new boolean[size];
        for (int i = 0; i < size; i++) {
            out[i] = values[i] != 0;
        }
        return out;
    }
}
