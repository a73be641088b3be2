package io.cairn.ingest.internal;

import io.cairn.api.model.Tags;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The series of one measurement's buffered rows, each with its count of buffered rows and what series admission
 * found out about it: nothing yet, held by the store, or new to it. Not thread safe (the write buffer locks).
 */
final class PendingSeries {
    /** What admission found out about a buffered series. */
    enum Mark { UNCHECKED, STORED, NEW }

    private static final class Entry {
        int rows;
        Mark mark = Mark.UNCHECKED;
    }

    private final Map<Tags, Entry> entries = new HashMap<>();
    private int stored;
    private int fresh;

    void add(Tags t) {
        entries.computeIfAbsent(t, k -> new Entry()).rows++;
    }

    /** Takes away one buffered row of the series; the series leaves with its last row. */
    void remove(Tags t) {
        entries.computeIfPresent(t, (k, e) -> {
            if (--e.rows > 0) {
                return e;
            }
            count(e.mark, -1);
            return null;
        });
    }

    /** Marks an unchecked series stored or new; a series not buffered (any longer) is left alone. */
    void mark(Tags t, Mark mark) {
        Entry e = entries.get(t);
        if (e != null && e.mark == Mark.UNCHECKED && mark != Mark.UNCHECKED) {
            e.mark = mark;
            count(mark, 1);
        }
    }

    /** Returns the series' mark, or null when it has no buffered rows. */
    Mark markOf(Tags t) {
        Entry e = entries.get(t);
        return e == null ? null : e.mark;
    }

    /** Returns a copy of the unchecked series. */
    Set<Tags> unchecked() {
        Set<Tags> out = new HashSet<>();
        entries.forEach((t, e) -> {
            if (e.mark == Mark.UNCHECKED) {
                out.add(t);
            }
        });
        return out;
    }

    /** Returns how many series may be new to the store: all but those marked stored. */
    int possiblyNew() {
        return entries.size() - stored;
    }

    /** Returns how many series are marked new. */
    int markedNew() {
        return fresh;
    }

    /** Forgets every mark (they were found in a store no longer bound). */
    void forgetMarks() {
        entries.values().forEach(e -> e.mark = Mark.UNCHECKED);
        stored = 0;
        fresh = 0;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    private void count(Mark mark, int delta) {
        if (mark == Mark.STORED) {
            stored += delta;
        } else if (mark == Mark.NEW) {
            fresh += delta;
        }
    }
}
