package io.cairn.ingest.internal;

import io.cairn.api.model.Tags;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The series of one measurement's buffered rows, each with its count of buffered rows and what series admission
 * found out about it: nothing yet, held by the store, or new to it. An open-addressing table (linear probing,
 * backward-shift removal) of tags, counts and marks in three arrays, so that a million buffered series cost no object
 * each beyond their tags. Not thread safe (the write buffer locks).
 */
final class PendingSeries {
    /** What admission found out about a buffered series. */
    enum Mark { UNCHECKED, STORED, NEW }

    private static final Mark[] MARKS = Mark.values();
    private static final int FIRST_CAPACITY = 16;

    private Tags[] keys = new Tags[FIRST_CAPACITY];
    private int[] rows = new int[FIRST_CAPACITY];
    private byte[] marks = new byte[FIRST_CAPACITY];
    private int size;
    private int stored;
    private int fresh;

    void add(Tags t) {
        int i = slot(t);
        if (keys[i] == null) {
            keys[i] = t;
            if (++size > keys.length / 2) {
                grow();
                i = slot(t);
            }
        }
        rows[i]++;
    }

    /** Takes away one buffered row of the series; the series leaves with its last row. */
    void remove(Tags t) {
        int i = slot(t);
        if (keys[i] == null || --rows[i] > 0) {
            return;
        }
        count(MARKS[marks[i]], -1);
        size--;
        removeAt(i);
    }

    /** Marks an unchecked series stored or new; a series not buffered (any longer) is left alone. */
    void mark(Tags t, Mark mark) {
        int i = slot(t);
        if (keys[i] != null && marks[i] == Mark.UNCHECKED.ordinal() && mark != Mark.UNCHECKED) {
            marks[i] = (byte) mark.ordinal();
            count(mark, 1);
        }
    }

    /** Returns the series' mark, or null when it has no buffered rows. */
    Mark markOf(Tags t) {
        int i = slot(t);
        return keys[i] == null ? null : MARKS[marks[i]];
    }

    /** Returns a copy of the unchecked series. */
    Set<Tags> unchecked() {
        Set<Tags> out = new HashSet<>();
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null && marks[i] == Mark.UNCHECKED.ordinal()) {
                out.add(keys[i]);
            }
        }
        return out;
    }

    /** Returns how many series may be new to the store: all but those marked stored. */
    int possiblyNew() {
        return size - stored;
    }

    /** Returns how many series are marked new. */
    int markedNew() {
        return fresh;
    }

    /** Forgets every mark (they were found in a store no longer bound). */
    void forgetMarks() {
        Arrays.fill(marks, (byte) Mark.UNCHECKED.ordinal());
        stored = 0;
        fresh = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    private void count(Mark mark, int delta) {
        if (mark == Mark.STORED) {
            stored += delta;
        } else if (mark == Mark.NEW) {
            fresh += delta;
        }
    }

    /** Returns the slot holding {@code t}, or the empty slot where it would go. */
    private int slot(Tags t) {
        int mask = keys.length - 1;
        for (int i = home(t, mask);; i = (i + 1) & mask) {
            Tags k = keys[i];
            if (k == null || k == t || k.equals(t)) {
                return i;
            }
        }
    }

    private static int home(Tags t, int mask) {
        int h = t.hashCode() * 0x9E3779B9;
        return (h ^ h >>> 16) & mask;
    }

    /** Empties slot {@code i}, moving later entries of its probe run back so that every entry stays findable. */
    private void removeAt(int i) {
        int mask = keys.length - 1;
        for (int j = (i + 1) & mask; keys[j] != null; j = (j + 1) & mask) {
            int home = home(keys[j], mask);
            boolean reachable = i <= j ? i < home && home <= j : i < home || home <= j;
            if (!reachable) {
                keys[i] = keys[j];
                rows[i] = rows[j];
                marks[i] = marks[j];
                i = j;
            }
        }
        keys[i] = null;
        rows[i] = 0;
        marks[i] = 0;
    }

    private void grow() {
        Tags[] oldKeys = keys;
        int[] oldRows = rows;
        byte[] oldMarks = marks;
        keys = new Tags[oldKeys.length * 2];
        rows = new int[keys.length];
        marks = new byte[keys.length];
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != null) {
                int i = slot(oldKeys[j]);
                keys[i] = oldKeys[j];
                rows[i] = oldRows[j];
                marks[i] = oldMarks[j];
            }
        }
    }
}
