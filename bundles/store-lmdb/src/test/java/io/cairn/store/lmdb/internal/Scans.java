package io.cairn.store.lmdb.internal;

import io.cairn.api.store.Aggregation;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.SeriesBatch;
import io.cairn.api.store.TagPredicate;
import io.cairn.api.store.TimeSeriesStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Test shorthand for building scan requests and reading cursors to the end. */
final class Scans {
    private Scans() {
    }

    static List<SeriesBatch> all(TimeSeriesStore store, ScanRequest request) {
        List<SeriesBatch> out = new ArrayList<>();
        try (ScanCursor cursor = store.scan(request)) {
            for (SeriesBatch b = cursor.next(); b != null; b = cursor.next()) {
                out.add(b);
            }
        }
        return out;
    }

    static ScanRequest raw(String db, String m, long start, long end, List<TagPredicate> predicates,
            List<String> fields, long limit) {
        return new ScanRequest(db, m, start, end, predicates, fields, null, limit);
    }

    static ScanRequest aggregate(String db, String m, long start, long end, List<TagPredicate> predicates,
            List<String> fields, Aggregation aggregation) {
        return new ScanRequest(db, m, start, end, predicates, fields, aggregation, 0);
    }

    static TagPredicate tag(String key, String... values) {
        return new TagPredicate(key, Set.of(values));
    }

    static int rows(List<SeriesBatch> batches) {
        return batches.stream().mapToInt(SeriesBatch::size).sum();
    }
}
