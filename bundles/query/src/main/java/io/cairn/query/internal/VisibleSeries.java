package io.cairn.query.internal;

import io.cairn.api.access.RowFilter;
import io.cairn.api.model.Tags;
import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.SeriesBatch;
import io.cairn.api.store.StoreCapability;
import io.cairn.api.store.TagPredicate;
import io.cairn.api.store.TagValueCount;
import io.cairn.api.store.TimeSeriesStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The series of a measurement that pass a row filter, found by scanning under each alternative of the filter:
 * one COUNT per series over all time when the store aggregates and filters tags itself (cheap where it
 * counts from its own summaries), else a raw scan. Discovery under a row filter answers from these so it
 * shows no tag value of a row outside the filter.
 */
final class VisibleSeries {
    private final Set<Tags> series;

    private VisibleSeries(Set<Tags> series) {
        this.series = series;
    }

    /** Returns no series: a measurement the request may not read. */
    static VisibleSeries none() {
        return new VisibleSeries(Set.of());
    }

    /** Finds the series of a measurement that pass a filter that is not {@link RowFilter#ALL}. */
    static VisibleSeries find(TimeSeriesStore store, String database, String measurement, RowFilter filter) {
        List<String> fields = new ArrayList<>(store.fields(database, measurement).keySet());
        Set<Tags> found = new TreeSet<>();
        if (fields.isEmpty()) {
            return new VisibleSeries(found);
        }
        Set<StoreCapability> caps = store.capabilities();
        boolean counted = caps.contains(StoreCapability.AGGREGATION) && caps.contains(StoreCapability.TAG_FILTER);
        List<String> keys = store.tagKeys(database, measurement);
        for (List<TagPredicate> conjunction : filter.alternatives()) {
            Aggregation perSeries = counted ? new Aggregation(0, keys, List.of(AggregateFunction.COUNT)) : null;
            ScanRequest request = new ScanRequest(database, measurement, Long.MIN_VALUE, Long.MAX_VALUE,
                    conjunction, fields, perSeries, 0);
            try (ScanCursor cursor = store.scan(request)) {
                for (SeriesBatch b = cursor.next(); b != null; b = cursor.next()) {
                    if (b.size() > 0 && RowFilters.matches(filter, b.tags())) {
                        found.add(b.tags());
                    }
                }
            }
        }
        return new VisibleSeries(found);
    }

    /** Returns the number of series. */
    long count() {
        return series.size();
    }

    /** Returns the tag keys the series use, sorted. */
    List<String> tagKeys() {
        Set<String> keys = new TreeSet<>();
        for (Tags t : series) {
            for (int i = 0; i < t.size(); i++) {
                keys.add(t.key(i));
            }
        }
        return List.copyOf(keys);
    }

    /** Returns the number of series per value of a tag key, by value. */
    Map<String, Long> valueCounts(String key) {
        Map<String, Long> counts = new TreeMap<>();
        for (Tags t : series) {
            String value = t.get(key);
            if (value != null) {
                counts.merge(value, 1L, Long::sum);
            }
        }
        return counts;
    }

    /** Returns up to {@code limit} values of a tag key, sorted. */
    List<String> values(String key, int limit) {
        return valueCounts(key).keySet().stream().limit(Math.max(limit, 0)).toList();
    }

    /** Returns up to {@code limit} values starting with a prefix, most series first, ties by value. */
    List<TagValueCount> valueCounts(String key, String prefix, int limit) {
        return valueCounts(key).entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(Math.max(limit, 0))
                .map(e -> new TagValueCount(e.getKey(), e.getValue()))
                .toList();
    }
}
