package io.cairn.query.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.Tags;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Keeps the earliest {@code limit} raw points of a range query (by time, then series) in a bounded
 * heap, so memory stays within the limit however many points the scan reads. Not thread safe.
 */
final class RangeCollector implements PointSink {
    private static final Comparator<QueryResult.RangeRow> ORDER = Comparator
            .comparingLong(QueryResult.RangeRow::timeNanos)
            .thenComparing(QueryResult.RangeRow::dimensions);

    private final int limit;
    private final PriorityQueue<QueryResult.RangeRow> latestFirst;
    private long seen;

    RangeCollector(int limit) {
        this.limit = limit;
        this.latestFirst = new PriorityQueue<>(Math.min(limit, 1024) + 1, ORDER.reversed());
    }

    @Override
    public void point(Tags series, long timeNanos, FieldColumn column, int row) {
        seen++;
        if (latestFirst.size() == limit) {
            QueryResult.RangeRow latest = latestFirst.peek();
            int c = Long.compare(timeNanos, latest.timeNanos());
            if (c > 0 || c == 0 && series.compareTo(latest.dimensions()) >= 0) {
                return;
            }
            latestFirst.poll();
        }
        latestFirst.add(new QueryResult.RangeRow(timeNanos, column.valueAt(row), series));
    }

    /** Returns the kept points in order, noting a cut when more were seen. */
    QueryResult.RangeRows result() {
        List<QueryResult.RangeRow> rows = new ArrayList<>(latestFirst);
        rows.sort(ORDER);
        return new QueryResult.RangeRows(rows, seen > limit ? GroupTable.cutMessage(limit) : null);
    }
}
