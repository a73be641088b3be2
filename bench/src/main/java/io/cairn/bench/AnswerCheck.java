package io.cairn.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Compares a target's answer with the brute-force one: the same rows (in any order) and, per row, the same time,
 * host and numbers (within 1e-9 relative) in the columns the expected answer names.
 */
final class AnswerCheck {

    private AnswerCheck() {
    }

    /** Throws with the first difference when the answers differ. */
    static void requireSame(String target, TsbsQuery q, ResultTable expected, ResultTable actual) {
        int[] where = new int[expected.columns().size()];
        for (int c = 0; c < where.length; c++) {
            where[c] = actual.column(expected.columns().get(c));
        }
        List<List<Object>> got = new ArrayList<>();
        for (List<Object> row : actual.rows()) {
            List<Object> picked = new ArrayList<>(where.length);
            for (int w : where) {
                picked.add(row.get(w));
            }
            got.add(picked);
        }
        List<List<Object>> want = new ArrayList<>(expected.rows());
        Comparator<List<Object>> order = Comparator.comparing(AnswerCheck::key);
        got.sort(order);
        want.sort(order);
        if (got.size() != want.size()) {
            fail(target, q, want.size() + " rows expected, " + got.size() + " returned; first expected "
                    + (want.isEmpty() ? "-" : want.get(0)) + ", first returned " + (got.isEmpty() ? "-" : got.get(0)));
        }
        for (int r = 0; r < want.size(); r++) {
            for (int c = 0; c < where.length; c++) {
                if (!same(want.get(r).get(c), got.get(r).get(c))) {
                    fail(target, q, "row " + r + " column " + expected.columns().get(c) + ": expected "
                            + want.get(r) + ", returned " + got.get(r));
                }
            }
        }
    }

    private static String key(List<Object> row) {
        return String.format("%020d|%s", ((Number) row.get(0)).longValue(), row.size() > 1 ? row.get(1) : "");
    }

    private static boolean same(Object want, Object got) {
        if (want instanceof String || got == null || want == null) {
            return String.valueOf(want).equals(String.valueOf(got));
        }
        double w = ((Number) want).doubleValue();
        double g = ResultTable.number(got);
        return Math.abs(w - g) <= 1e-9 * Math.max(1, Math.abs(w));
    }

    private static void fail(String target, TsbsQuery q, String what) {
        throw new IllegalStateException("WRONG ANSWER from " + target + " to " + q.type().id + " (hosts " + q.hosts()
                + ", " + q.startIso() + " to " + q.endIso() + "): " + what);
    }
}
