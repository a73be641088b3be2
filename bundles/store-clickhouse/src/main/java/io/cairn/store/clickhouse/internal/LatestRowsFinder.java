package io.cairn.store.clickhouse.internal;

import io.cairn.api.model.Tags;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.TagPredicate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds the (series, time) pairs of a scan of the latest rows per series. Reading every series key of a long
 * range is most of such a scan's cost, and the latest rows are usually recent, so it first looks in the newest
 * 1/64, then 1/8 of the range's data: the window is enough when every registered series the tag predicates
 * select has, for every requested field, at least n rows meeting the scan's conditions there (then its latest n
 * in the range are all in the window). Otherwise it reads the whole range.
 */
final class LatestRowsFinder {
    private static final int[] WINDOW_DIVISORS = {64, 8};

    private final ServerConnection server;
    private final SeriesRegistry registry;

    LatestRowsFinder(ServerConnection server, SeriesRegistry registry) {
        this.server = server;
        this.registry = registry;
    }

    /**
     * Returns the raw scan of the latest rows: at the pairs found, as literals when they take at most
     * {@code maxChars} characters, else {@link ScanSql#sql()}; null when there are no such rows.
     *
     * @param sqlOf the SQL of the same scan over another range
     */
    String rawSql(ScanRequest request, ScanSql sql, Function<ScanRequest, ScanSql> sqlOf, int maxChars) {
        List<String[]> pairs = pairs(request, sql, sqlOf);
        if (pairs.isEmpty()) {
            return null;
        }
        String at = sql.rawAt(pairs, maxChars);
        return at != null ? at : sql.sql();
    }

    /**
     * Returns the distinct (series key, time) pairs, empty when the range has no such rows.
     *
     * @param sql the scan's SQL
     * @param sqlOf the SQL of the same scan over another range
     */
    private List<String[]> pairs(ScanRequest request, ScanSql sql, Function<ScanRequest, ScanSql> sqlOf) {
        String[] span = server.rows(sql.spanSql()).get(0);
        if (Long.parseLong(span[0]) == 0) {
            return List.of();
        }
        long first = Long.parseLong(span[1]);
        long last = Long.parseLong(span[2]);
        List<String> candidates = null;
        for (int divisor : WINDOW_DIVISORS) {
            long start = last - (last - first) / divisor;
            if (start <= first) {
                break;
            }
            if (candidates == null) {
                candidates = selected(registry.keys(sql.table()), request.predicates());
                if (candidates.isEmpty()) {
                    break;
                }
            }
            ScanSql window = sqlOf.apply(new ScanRequest(request.database(), request.measurement(), start,
                    request.endNanos(), request.predicates(), request.fields(), null, request.limit(),
                    request.fieldPredicates(), request.latestPerSeries()));
            List<String[]> rows = server.rows(window.latestTimesSql());
            if (complete(rows, candidates, sql.fields().keySet(), request.latestPerSeries())) {
                return distinctPairs(rows);
            }
        }
        return distinctPairs(server.rows(sql.latestTimesSql()));
    }

    /** Returns the keys of the series whose tags meet the predicates (an absent tag is the empty value). */
    private static List<String> selected(List<String> keys, List<TagPredicate> predicates) {
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            Tags tags = Names.tagsOf(key);
            if (predicates.stream().allMatch(p -> p.values().contains(tags.get(p.key()) == null ? "" : tags.get(p.key())))) {
                out.add(key);
            }
        }
        return out;
    }

    /** Returns whether every candidate series has at least n rows of every field (rows: series, field, count, time). */
    private static boolean complete(List<String[]> rows, List<String> candidates, Set<String> fields, int n) {
        Map<String, Map<String, Long>> counts = new HashMap<>();
        for (String[] row : rows) {
            counts.computeIfAbsent(row[0], s -> new HashMap<>()).put(row[1], Long.parseLong(row[2]));
        }
        for (String series : candidates) {
            Map<String, Long> byField = counts.getOrDefault(series, Map.of());
            for (String field : fields) {
                if (byField.getOrDefault(field, 0L) < n) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<String[]> distinctPairs(List<String[]> rows) {
        Set<List<String>> pairs = new LinkedHashSet<>();
        for (String[] row : rows) {
            pairs.add(List.of(row[0], row[3]));
        }
        List<String[]> out = new ArrayList<>(pairs.size());
        pairs.forEach(p -> out.add(new String[] {p.get(0), p.get(1)}));
        return out;
    }
}
