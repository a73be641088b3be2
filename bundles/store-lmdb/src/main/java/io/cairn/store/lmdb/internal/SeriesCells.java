package io.cairn.store.lmdb.internal;

import io.cairn.api.store.AggregateFunction;
import java.util.Arrays;
import java.util.List;

/**
 * The aggregates of each field of each series over one time bucket, in arrays indexed by series id: the count, and
 * the sum, minimum and maximum when the functions need them. A pass over the chunks in series order fills it, a walk
 * of a tag key's postings then gathers the series of each value into its group.
 */
final class SeriesCells {
    /** The most cells (series ids times arrays) a table holds: 64 MB of longs and doubles. */
    static final long MAX_CELLS = 8L << 20;

    private final long[][] counts;
    private final double[][] sums;
    private final double[][] mins;
    private final double[][] maxes;

    /** A table for series ids 0 to {@code maxId} and {@code fields} fields; see {@link #fits}. */
    SeriesCells(long maxId, int fields, List<AggregateFunction> functions) {
        int ids = Math.toIntExact(maxId + 1);
        counts = new long[fields][ids];
        sums = needs(functions, AggregateFunction.SUM) || needs(functions, AggregateFunction.AVG)
                ? new double[fields][ids] : null;
        mins = needs(functions, AggregateFunction.MIN) ? filled(fields, ids, Double.POSITIVE_INFINITY) : null;
        maxes = needs(functions, AggregateFunction.MAX) ? filled(fields, ids, Double.NEGATIVE_INFINITY) : null;
    }

    /** Returns whether a table of series ids up to {@code maxId} for these fields and functions stays in bounds. */
    static boolean fits(long maxId, int fields, List<AggregateFunction> functions) {
        int arrays = 1 + (needs(functions, AggregateFunction.SUM) || needs(functions, AggregateFunction.AVG) ? 1 : 0)
                + (needs(functions, AggregateFunction.MIN) ? 1 : 0) + (needs(functions, AggregateFunction.MAX) ? 1 : 0);
        return maxId >= 0 && (maxId + 1) * fields * arrays <= MAX_CELLS;
    }

    private static boolean needs(List<AggregateFunction> functions, AggregateFunction function) {
        return functions.contains(function);
    }

    private static double[][] filled(int fields, int ids, double value) {
        double[][] out = new double[fields][ids];
        for (double[] row : out) {
            Arrays.fill(row, value);
        }
        return out;
    }

    /** Adds a whole chunk of a field of a series from its header. */
    void addSummary(int field, int id, ChunkHeader h) {
        counts[field][id] += h.count();
        if (h.type().isNumeric()) {
            addValue(field, id, h.sum(), h.min(), h.max());
        }
    }

    /** Adds one value (NaN for a value that is not a number). */
    void add(int field, int id, double v) {
        counts[field][id]++;
        addValue(field, id, v, v, v);
    }

    private void addValue(int field, int id, double sum, double min, double max) {
        if (sums != null) {
            sums[field][id] += sum;
        }
        if (mins != null) {
            mins[field][id] = Math.min(mins[field][id], min);
        }
        if (maxes != null) {
            maxes[field][id] = Math.max(maxes[field][id], max);
        }
    }

    /** Returns the number of values of a field of a series (0 for an id beyond the table). */
    long count(int field, long id) {
        return id < counts[field].length ? counts[field][(int) id] : 0;
    }

    /** Adds the cell of a field of a series, which must have a value ({@link #count} above 0), to an accumulator. */
    void addTo(int field, long id, Accumulator a) {
        int i = (int) id;
        a.addCell(counts[field][i], sums == null ? 0 : sums[field][i],
                mins == null ? Double.POSITIVE_INFINITY : mins[field][i],
                maxes == null ? Double.NEGATIVE_INFINITY : maxes[field][i]);
    }
}
