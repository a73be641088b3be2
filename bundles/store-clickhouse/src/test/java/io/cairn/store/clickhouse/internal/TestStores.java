package io.cairn.store.clickhouse.internal;

import io.cairn.api.store.Aggregation;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.SeriesBatch;
import io.cairn.api.store.TagPredicate;
import io.cairn.api.store.TimeSeriesStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Test shorthand: stores on the shared server, each in a database of its own, and scan helpers. */
final class TestStores {
    private static final AtomicInteger NEXT = new AtomicInteger();

    private TestStores() {
    }

    /** Returns settings for a fresh database on the shared server. */
    static ClickHouseSettings settings(String name) {
        return settings(name, ClickHouseServer.get().url());
    }

    /** Returns settings for a fresh database on a server. */
    static ClickHouseSettings settings(String name, String url) {
        String database = "cairn_test_" + name + "_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
        return new ClickHouseSettings(List.of(url), database, "default", "", 2_000, 30_000,
                500_000, false, false);
    }

    /** Drops the database of a store's settings. */
    static void drop(ClickHouseSettings settings) {
        try (ServerConnection c = new ServerConnection(settings)) {
            c.execute("DROP DATABASE IF EXISTS " + SqlText.identifier(settings.database()));
        }
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
