package io.cairn.store.parquet.internal;

import io.cairn.api.model.Tags;
import io.cairn.api.store.TagPredicate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.filter2.predicate.Operators.BinaryColumn;
import org.apache.parquet.io.api.Binary;

/**
 * The time range and tag predicates of a scan: decides which files can match, gives Parquet the
 * predicate it prunes row groups and pages with, and checks rows.
 */
final class RowFilter {
    private final long start;
    private final long end;
    private final List<TagPredicate> predicates;
    private Tags lastTags;
    private boolean lastMatch;

    RowFilter(long start, long end, List<TagPredicate> predicates) {
        this.start = start;
        this.end = end;
        this.predicates = List.copyOf(predicates);
    }

    static RowFilter all() {
        return new RowFilter(Long.MIN_VALUE, Long.MAX_VALUE, List.of());
    }

    static RowFilter from(long start, List<TagPredicate> predicates) {
        return new RowFilter(start, Long.MAX_VALUE, predicates);
    }

    long start() {
        return start;
    }

    long end() {
        return end;
    }

    /** Returns whether a file may hold matching rows, judging by its time range and tag columns. */
    boolean mayMatch(DataFile file) {
        if (file.maxTime() < start || file.minTime() >= end) {
            return false;
        }
        for (TagPredicate p : predicates) {
            if (!file.tags().contains(p.key())) {
                return false;
            }
        }
        return true;
    }

    /** Returns the Parquet predicate for a file that {@link #mayMatch}, or null when nothing is to filter. */
    FilterPredicate parquetPredicate(DataFile file) {
        FilterPredicate result = null;
        if (file.minTime() < start || file.maxTime() >= end) {
            result = FilterApi.and(FilterApi.gtEq(FilterApi.longColumn(FileSchema.TIME), start),
                    FilterApi.lt(FilterApi.longColumn(FileSchema.TIME), end));
        }
        for (TagPredicate p : predicates) {
            if (p.key().contains(".")) {
                continue;
            }
            BinaryColumn column = FilterApi.binaryColumn(p.key());
            FilterPredicate tag;
            if (p.values().size() == 1) {
                tag = FilterApi.eq(column, Binary.fromString(p.values().iterator().next()));
            } else {
                Set<Binary> values = p.values().stream().map(Binary::fromString).collect(Collectors.toSet());
                tag = FilterApi.in(column, values);
            }
            result = result == null ? tag : FilterApi.and(result, tag);
        }
        return result;
    }

    /** Returns whether a row is in the range and its series meets every predicate. */
    boolean matches(Row row) {
        long t = row.time();
        if (t < start || t >= end) {
            return false;
        }
        Tags tags = row.tags();
        if (tags != lastTags) {
            lastTags = tags;
            lastMatch = matches(tags);
        }
        return lastMatch;
    }

    boolean matches(Tags tags) {
        for (TagPredicate p : predicates) {
            String v = tags.get(p.key());
            if (v == null || !p.values().contains(v)) {
                return false;
            }
        }
        return true;
    }
}
