package io.cairn.query.internal;

import io.cairn.api.access.Permission;
import io.cairn.api.access.RequestAccess;
import io.cairn.api.access.RowFilter;
import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.StoreCapability;
import io.cairn.api.store.StoreHealth;
import io.cairn.api.store.TagPredicate;
import io.cairn.api.store.TagValueCount;
import io.cairn.api.store.TimeSeriesStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A request's read-only view of a store under its {@link RequestAccess}: it lists only the databases and
 * measurements the request may read, scans nothing of the others, and puts each measurement's row filter
 * below every scan (one conjunction ANDed into the scan's tag predicates, several applied to the series a
 * raw scan returns), so no query built on it can see a row outside the filter. Discovery under a filter is
 * derived from the visible series. Field predicates and the latest rows per series hold row by row and series by
 * series, so they pass to the store unchanged and keep their capabilities under any filter. Built per request,
 * composed under {@link TenantStoreView}.
 */
final class RowSecureStoreView implements TimeSeriesStore {
    private final TimeSeriesStore store;
    private final RequestAccess access;
    private volatile Set<StoreCapability> capabilities;
    private final Map<List<String>, VisibleSeries> visible = new ConcurrentHashMap<>();

    private RowSecureStoreView(TimeSeriesStore store, RequestAccess access) {
        this.store = store;
        this.access = access;
    }

    /** Returns a request's access, or null when it has none (authentication off, or an open path). */
    static RequestAccess access(HttpServletRequest request) {
        return request.getAttribute(RequestAccess.ATTRIBUTE) instanceof RequestAccess a ? a : null;
    }

    /** Returns the store as a request may read it: the store itself without access or with the token's own read. */
    static TimeSeriesStore of(TimeSeriesStore store, HttpServletRequest request) {
        RequestAccess access = access(request);
        return access == null || ownsRead(request) ? store : new RowSecureStoreView(store, access);
    }

    /** Returns the store as an access may read it. */
    static TimeSeriesStore of(TimeSeriesStore store, RequestAccess access) {
        return access == null ? store : new RowSecureStoreView(store, access);
    }

    /**
     * Returns whether the principal holds read (or admin) itself: it then reads every measurement of its
     * databases without a row filter, as the security bundle's resolution says, and needs no view.
     */
    private static boolean ownsRead(HttpServletRequest request) {
        return request.getAttribute(TenantStoreView.PRINCIPAL) instanceof Map<?, ?> principal
                && principal.get("permissions") instanceof List<?> permissions
                && (permissions.contains("read") || permissions.contains("admin"));
    }

    /** Returns whether the request may read a measurement (null: the database as a whole). */
    boolean readable(String database, String measurement) {
        return access.permits(Permission.READ, database, measurement);
    }

    @Override
    public String name() {
        return store.name();
    }

    /**
     * Returns the store's capabilities without {@link StoreCapability#AGGREGATION} (and every other aggregation
     * capability) when some readable measurement has a filter of several alternatives (or any filter while the
     * store ignores tag predicates): aggregation groups cannot be filtered per series, so the engines aggregate
     * raw scans instead.
     */
    @Override
    public Set<StoreCapability> capabilities() {
        Set<StoreCapability> known = capabilities;
        if (known == null) {
            Set<StoreCapability> caps = EnumSet.noneOf(StoreCapability.class);
            caps.addAll(store.capabilities());
            if (caps.contains(StoreCapability.AGGREGATION) && !aggregatesSafely(caps)) {
                caps.removeIf(c -> c.name().endsWith("AGGREGATION"));
            }
            known = Set.copyOf(caps);
            capabilities = known;
        }
        return known;
    }

    private boolean aggregatesSafely(Set<StoreCapability> caps) {
        for (String db : store.databases()) {
            for (String m : store.measurements(db)) {
                if (readable(db, m) && !aggregatesSafely(access.rowFilter(db, m), caps)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean aggregatesSafely(RowFilter filter, Set<StoreCapability> caps) {
        return filter.isAll() || filter.alternatives().size() == 1 && caps.contains(StoreCapability.TAG_FILTER);
    }

    @Override
    public void write(WriteBatch batch) {
        throw new UnsupportedOperationException("a reader's view of the store is read-only");
    }

    @Override
    public ScanCursor scan(ScanRequest request) {
        if (!readable(request.database(), request.measurement())) {
            return ScanCursor.of(List.of());
        }
        RowFilter filter = access.rowFilter(request.database(), request.measurement());
        if (filter.isAll()) {
            return store.scan(request);
        }
        if (request.aggregation() != null) {
            if (!aggregatesSafely(filter, store.capabilities())) {
                throw new IllegalStateException("an aggregation under a row filter of several alternatives must be "
                        + "computed from raw scans; this view does not offer AGGREGATION for it");
            }
            ScanRequest narrowed = narrowed(request, filter);
            return narrowed == null ? ScanCursor.of(List.of()) : store.scan(narrowed);
        }
        if (filter.alternatives().size() == 1) {
            ScanRequest narrowed = narrowed(request, filter);
            if (narrowed == null) {
                return ScanCursor.of(List.of());
            }
            if (store.capabilities().contains(StoreCapability.TAG_FILTER)) {
                return new RowFilteredCursor(store.scan(narrowed), filter, 0);
            }
            request = narrowed;
        }
        return new RowFilteredCursor(store.scan(withoutLimit(request)), filter, request.limit());
    }

    @Override
    public String describe(ScanRequest request) {
        if (!readable(request.database(), request.measurement())) {
            return null;
        }
        RowFilter filter = access.rowFilter(request.database(), request.measurement());
        if (filter.isAll()) {
            return store.describe(request);
        }
        if (filter.alternatives().size() > 1) {
            return store.describe(withoutLimit(request));
        }
        ScanRequest narrowed = narrowed(request, filter);
        return narrowed == null ? null : store.describe(narrowed);
    }

    /** Returns a request with the filter's one conjunction ANDed into its predicates, null when nothing can pass. */
    private static ScanRequest narrowed(ScanRequest r, RowFilter filter) {
        List<TagPredicate> predicates = RowFilters.and(r.predicates(), filter.alternatives().get(0));
        return predicates == null ? null : new ScanRequest(r.database(), r.measurement(), r.startNanos(), r.endNanos(),
                predicates, r.fields(), r.aggregation(), r.limit(), r.fieldPredicates(), r.latestPerSeries());
    }

    private static ScanRequest withoutLimit(ScanRequest r) {
        return new ScanRequest(r.database(), r.measurement(), r.startNanos(), r.endNanos(), r.predicates(), r.fields(),
                r.aggregation(), 0, r.fieldPredicates(), r.latestPerSeries());
    }

    @Override
    public List<String> databases() {
        return store.databases().stream()
                .filter(db -> readable(db, null) || store.measurements(db).stream().anyMatch(m -> readable(db, m)))
                .toList();
    }

    @Override
    public List<String> measurements(String database) {
        return store.measurements(database).stream().filter(m -> readable(database, m)).toList();
    }

    @Override
    public List<String> tagKeys(String database, String measurement) {
        VisibleSeries visible = visible(database, measurement);
        return visible == null ? store.tagKeys(database, measurement) : visible.tagKeys();
    }

    @Override
    public List<String> tagValues(String database, String measurement, String key, int limit) {
        VisibleSeries visible = visible(database, measurement);
        return visible == null ? store.tagValues(database, measurement, key, limit) : visible.values(key, limit);
    }

    @Override
    public List<TagValueCount> tagValueCounts(String database, String measurement, String key, String prefix,
            int limit) {
        VisibleSeries visible = visible(database, measurement);
        return visible == null ? store.tagValueCounts(database, measurement, key, prefix, limit)
                : visible.valueCounts(key, prefix, limit);
    }

    @Override
    public Map<String, FieldType> fields(String database, String measurement) {
        return readable(database, measurement) ? store.fields(database, measurement) : Map.of();
    }

    @Override
    public long seriesCount(String database, String measurement) {
        VisibleSeries visible = visible(database, measurement);
        return visible == null ? store.seriesCount(database, measurement) : visible.count();
    }

    @Override
    public boolean seriesExists(String database, String measurement, Tags tags) {
        return readable(database, measurement)
                && RowFilters.matches(access.rowFilter(database, measurement), tags)
                && store.seriesExists(database, measurement, tags);
    }

    /**
     * Returns the series a filtered measurement shows, none for one the request may not read, or null when the
     * request sees the whole measurement (the store answers itself). Found once per view, that is per request.
     */
    private VisibleSeries visible(String database, String measurement) {
        if (!readable(database, measurement)) {
            return VisibleSeries.none();
        }
        RowFilter filter = access.rowFilter(database, measurement);
        return filter.isAll() ? null : visible.computeIfAbsent(List.of(database, measurement),
                k -> VisibleSeries.find(store, database, measurement, filter));
    }

    @Override
    public long deleteBefore(String database, String measurement, long timeNanos) {
        throw new UnsupportedOperationException("a reader's view of the store is read-only");
    }

    @Override
    public StoreHealth health() {
        return store.health();
    }

    @Override
    public Map<String, Number> stats() {
        return Map.of();
    }
}
