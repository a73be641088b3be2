package io.cairn.store.parquet.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.SeriesBatch;
import io.cairn.api.store.TagPredicate;
import io.cairn.api.store.TimeSeriesStore;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads a store's scans into sorted maps, so tests compare whole results. */
final class Points {
    private Points() {
    }

    static ScanRequest raw(String measurement, List<String> fields, List<TagPredicate> predicates, long limit) {
        return new ScanRequest("db", measurement, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2, predicates, fields, null, limit);
    }

    static ScanRequest aggregate(String measurement, List<String> fields, Aggregation aggregation, long start, long end) {
        return new ScanRequest("db", measurement, start, end, List.of(), fields, aggregation, 0);
    }

    /** Returns "tags time field" → value for every present value of a scan. */
    static Map<String, Object> read(TimeSeriesStore store, ScanRequest request) {
        Map<String, Object> out = new TreeMap<>();
        try (ScanCursor cursor = store.scan(request)) {
            SeriesBatch batch;
            while ((batch = cursor.next()) != null) {
                for (int r = 0; r < batch.size(); r++) {
                    for (FieldColumn c : batch.columns()) {
                        if (c.isPresent(r)) {
                            Object previous = out.put(batch.tags() + " " + batch.times()[r] + " " + c.name(), c.valueAt(r));
                            if (previous != null) {
                                throw new AssertionError("a value came twice: " + batch.tags() + " " + batch.times()[r]);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Returns the number of rows a scan returns. */
    static long rows(TimeSeriesStore store, ScanRequest request) {
        long rows = 0;
        try (ScanCursor cursor = store.scan(request)) {
            SeriesBatch batch;
            while ((batch = cursor.next()) != null) {
                rows += batch.size();
            }
        }
        return rows;
    }
}
