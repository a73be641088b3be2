package io.cairn.query.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.Tags;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.SeriesBatch;
import io.cairn.api.store.TimeSeriesStore;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the raw points of a query's field from a store and hands them to a {@link PointSink}. It
 * re-applies the time range and the tag filters itself, so stores without those capabilities
 * give the same answer, and checks the deadline between batches (closing the cursor on timeout).
 */
final class RawPointScan {
    private RawPointScan() {
    }

    /** Scans the query's points into a sink. */
    static void run(TimeSeriesStore store, DashboardQuery q, Deadline deadline, PointSink sink) {
        ScanRequest request = new ScanRequest(q.database(), q.metric(), q.startNanos(), q.endNanos(),
                q.tagPredicates(), List.of(q.field()), null, 0);
        try (ScanCursor cursor = store.scan(request)) {
            while (true) {
                deadline.check();
                SeriesBatch batch = cursor.next();
                if (batch == null) {
                    return;
                }
                FieldColumn column = batch.column(q.field());
                if (column != null && matches(batch.tags(), q.filters())) {
                    deliver(batch, column, q, sink);
                }
            }
        }
    }

    private static void deliver(SeriesBatch batch, FieldColumn column, DashboardQuery q, PointSink sink) {
        long[] times = batch.times();
        for (int row = 0; row < batch.size(); row++) {
            long t = times[row];
            if (t >= q.startNanos() && t < q.endNanos() && column.isPresent(row)) {
                sink.point(batch.tags(), t, column, row);
            }
        }
    }

    /** Returns whether a series' tags meet every filter. */
    static boolean matches(Tags tags, Map<String, Set<String>> filters) {
        for (Map.Entry<String, Set<String>> f : filters.entrySet()) {
            String value = tags.get(f.getKey());
            if (value == null || !f.getValue().contains(value)) {
                return false;
            }
        }
        return true;
    }
}
