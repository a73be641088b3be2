package io.cairn.store.parquet.internal;

import io.cairn.api.model.Tags;
import java.util.Arrays;

/** A reusable {@link Row} whose values are set slot by slot: what readers and merges fill. */
final class MutableRow implements Row {
    final Slots slots;
    long time;
    Tags tags;
    final boolean[] present;
    final double[] doubles;
    final long[] longs;
    final boolean[] booleans;
    final String[] strings;

    MutableRow(Slots slots) {
        this.slots = slots;
        int n = slots.size();
        present = new boolean[n];
        doubles = new double[n];
        longs = new long[n];
        booleans = new boolean[n];
        strings = new String[n];
    }

    void clear() {
        Arrays.fill(present, false);
    }

    /** Copies time, tags and every present value of another row with the same slots over this one. */
    void overlay(Row other) {
        time = other.time();
        tags = other.tags();
        for (int s = 0; s < present.length; s++) {
            if (other.has(s)) {
                present[s] = true;
                switch (slots.type(s)) {
                    case FLOAT -> doubles[s] = other.doubleAt(s);
                    case INTEGER -> longs[s] = other.longAt(s);
                    case BOOLEAN -> booleans[s] = other.booleanAt(s);
                    case STRING -> strings[s] = other.stringAt(s);
                }
            }
        }
    }

    /** Returns whether a row has a value in any of its first {@code slots} slots. */
    static boolean hasAny(Row row, int slots) {
        for (int s = 0; s < slots; s++) {
            if (row.has(s)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public long time() {
        return time;
    }

    @Override
    public Tags tags() {
        return tags;
    }

    @Override
    public boolean has(int slot) {
        return present[slot];
    }

    @Override
    public double doubleAt(int slot) {
        return doubles[slot];
    }

    @Override
    public long longAt(int slot) {
        return longs[slot];
    }

    @Override
    public boolean booleanAt(int slot) {
        return booleans[slot];
    }

    @Override
    public String stringAt(int slot) {
        return strings[slot];
    }
}
