package io.cairn.store.lmdb.internal;

import io.cairn.api.store.FieldPredicate;

/**
 * The field predicates of a scan grouped by the field they test, each field given by its slot in the scan's
 * {@link ScanFields}: a row is kept when every slot has a value there that meets all of the slot's predicates.
 */
final class RowFilter {
    private final int[] slots;
    private final FieldPredicate[][] tests;

    RowFilter(int[] slots, FieldPredicate[][] tests) {
        this.slots = slots;
        this.tests = tests;
    }

    /** Returns the number of fields tested. */
    int size() {
        return slots.length;
    }

    /** Returns the slot of the {@code k}th tested field. */
    int slot(int k) {
        return slots[k];
    }

    /** Returns whether a slot is tested. */
    boolean tests(int slot) {
        for (int s : slots) {
            if (s == slot) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns whether some value between {@code min} and {@code max} (a chunk's summary) may meet all predicates
     * of the {@code k}th tested field; true when the summary is not a number.
     */
    boolean mayMeet(int k, double min, double max) {
        if (Double.isNaN(min) || Double.isNaN(max)) {
            return true;
        }
        for (FieldPredicate p : tests[k]) {
            double v = p.value();
            boolean possible = switch (p.op()) {
                case GT -> max > v;
                case GE -> max >= v;
                case LT -> min < v;
                case LE -> min <= v;
                case EQ -> min <= v && v <= max;
                case NE -> min != v || max != v;
            };
            if (!possible) {
                return false;
            }
        }
        return true;
    }

    /** Returns whether a value of the {@code k}th tested field meets all of its predicates. */
    boolean meets(int k, double value) {
        for (FieldPredicate p : tests[k]) {
            if (!p.test(value)) {
                return false;
            }
        }
        return true;
    }
}
