package io.cairn.query.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.SeriesBatch;
import io.cairn.api.store.TimeSeriesStore;
import java.util.List;

/**
 * Has a store compute the query's aggregation per group and bucket (with the count alongside)
 * and merges its batches into a {@link GroupTable}, checking the deadline between batches.
 */
final class PushedDownAggregation {
    private PushedDownAggregation() {
    }

    /** Runs the query's aggregation in the store. */
    static void run(TimeSeriesStore store, DashboardQuery q, Deadline deadline, GroupTable table) {
        AggregateFunction function = q.aggregation().storeFunction();
        List<AggregateFunction> functions = function == AggregateFunction.COUNT
                ? List.of(AggregateFunction.COUNT) : List.of(function, AggregateFunction.COUNT);
        Aggregation aggregation = new Aggregation(q.intervalNanos(), q.groupBy(), functions);
        ScanRequest request = new ScanRequest(q.database(), q.metric(), q.startNanos(), q.endNanos(),
                q.tagPredicates(), List.of(q.field()), aggregation, 0);
        String valueName = Aggregation.columnName(function, q.field());
        String countName = Aggregation.columnName(AggregateFunction.COUNT, q.field());
        try (ScanCursor cursor = store.scan(request)) {
            while (true) {
                deadline.check();
                SeriesBatch batch = cursor.next();
                if (batch == null) {
                    return;
                }
                FieldColumn values = batch.column(valueName);
                FieldColumn counts = batch.column(countName);
                if (values == null || counts == null) {
                    continue;
                }
                for (int row = 0; row < batch.size(); row++) {
                    long n = counts.isPresent(row) ? (long) counts.doubleAt(row) : 0;
                    if (n > 0 && values.isPresent(row)) {
                        table.bucket(batch.tags().select(q.groupBy()), batch.times()[row])
                                .addAggregated(q.aggregation(), values.doubleAt(row), n);
                    }
                }
            }
        }
    }
}
