package io.cairn.store.lmdb.internal;

import io.cairn.api.model.WriteBatch;
import java.util.Arrays;

/**
 * The row indexes of a batch grouped by series, each series' rows ordered by time and, at equal
 * times, by position in the batch (so that the last of them wins when deduplicated).
 */
final class RowsBySeries {
    private final int[] starts;
    private final int[] rows;

    private RowsBySeries(int[] starts, int[] rows) {
        this.starts = starts;
        this.rows = rows;
    }

    static RowsBySeries of(WriteBatch batch, long[] times) {
        int seriesCount = batch.series().size();
        int[] starts = new int[seriesCount + 1];
        for (int r = 0; r < times.length; r++) {
            starts[batch.seriesIndex(r) + 1]++;
        }
        for (int s = 0; s < seriesCount; s++) {
            starts[s + 1] += starts[s];
        }
        int[] next = Arrays.copyOf(starts, seriesCount);
        int[] rows = new int[times.length];
        for (int r = 0; r < times.length; r++) {
            rows[next[batch.seriesIndex(r)]++] = r;
        }
        for (int s = 0; s < seriesCount; s++) {
            sortByTime(rows, starts[s], starts[s + 1], times);
        }
        return new RowsBySeries(starts, rows);
    }

    /** Sorts rows[from, to), ascending in row index, stably by time; already sorted runs cost one pass. */
    private static void sortByTime(int[] rows, int from, int to, long[] times) {
        for (int i = from + 1; i < to; i++) {
            if (times[rows[i]] < times[rows[i - 1]]) {
                Integer[] boxed = new Integer[to - from];
                for (int j = 0; j < boxed.length; j++) {
                    boxed[j] = rows[from + j];
                }
                Arrays.sort(boxed, (a, b) -> Long.compare(times[a], times[b]));
                for (int j = 0; j < boxed.length; j++) {
                    rows[from + j] = boxed[j];
                }
                return;
            }
        }
    }

    int start(int series) {
        return starts[series];
    }

    int end(int series) {
        return starts[series + 1];
    }

    int row(int i) {
        return rows[i];
    }

    int maxRowsOfASeries() {
        int max = 0;
        for (int s = 0; s + 1 < starts.length; s++) {
            max = Math.max(max, starts[s + 1] - starts[s]);
        }
        return max;
    }
}
