package io.cairn.query.internal;

import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.StoreCapability;
import io.cairn.api.store.StoreHealth;
import io.cairn.api.store.TimeSeriesStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tenant's read-only view of a store for SQL: it lists only the databases {@code <tenant>__<name>} under their
 * own names and maps every database a statement names to the tenant's, so no statement (sub-query, join,
 * UNION, a qualified name) can reach another tenant's data. The security bundle puts the principal of a
 * request, a map with {@code tenant}, into the request attribute {@value #PRINCIPAL}.
 */
final class TenantStoreView implements TimeSeriesStore {
    /** The request attribute holding the authenticated principal. */
    static final String PRINCIPAL = "cairn.principal";
    private static final String SEPARATOR = "__";

    private final TimeSeriesStore store;
    private final String prefix;

    private TenantStoreView(TimeSeriesStore store, String tenant) {
        this.store = store;
        this.prefix = tenant + SEPARATOR;
    }

    /** Returns the tenant of a request's principal, or null for a global one (or none). */
    static String tenant(HttpServletRequest request) {
        return request.getAttribute(PRINCIPAL) instanceof Map<?, ?> principal
                && principal.get("tenant") instanceof String tenant && !tenant.isBlank() ? tenant : null;
    }

    /** Returns the store as a request's tenant sees it: the store itself for a global principal. */
    static TimeSeriesStore of(TimeSeriesStore store, String tenant) {
        return tenant == null ? store : new TenantStoreView(store, tenant);
    }

    /** Returns the name a tenant uses for a database the authentication filter already mapped. */
    static String ownName(String database, String tenant) {
        String prefix = tenant + SEPARATOR;
        return tenant != null && database.startsWith(prefix) ? database.substring(prefix.length()) : database;
    }

    private String physical(String database) {
        return prefix + database;
    }

    @Override
    public String name() {
        return store.name();
    }

    @Override
    public Set<StoreCapability> capabilities() {
        return store.capabilities();
    }

    @Override
    public void write(WriteBatch batch) {
        throw new UnsupportedOperationException("a tenant's view of the store is read-only");
    }

    @Override
    public ScanCursor scan(ScanRequest r) {
        return store.scan(new ScanRequest(physical(r.database()), r.measurement(), r.startNanos(), r.endNanos(),
                r.predicates(), r.fields(), r.aggregation(), r.limit(), r.fieldPredicates(), r.latestPerSeries()));
    }

    @Override
    public List<String> databases() {
        return store.databases().stream().filter(d -> d.startsWith(prefix) && d.length() > prefix.length())
                .map(d -> d.substring(prefix.length())).toList();
    }

    @Override
    public List<String> measurements(String database) {
        return store.measurements(physical(database));
    }

    @Override
    public List<String> tagKeys(String database, String measurement) {
        return store.tagKeys(physical(database), measurement);
    }

    @Override
    public List<String> tagValues(String database, String measurement, String key, int limit) {
        return store.tagValues(physical(database), measurement, key, limit);
    }

    @Override
    public Map<String, FieldType> fields(String database, String measurement) {
        return store.fields(physical(database), measurement);
    }

    @Override
    public long seriesCount(String database, String measurement) {
        return store.seriesCount(physical(database), measurement);
    }

    @Override
    public boolean seriesExists(String database, String measurement, Tags tags) {
        return store.seriesExists(physical(database), measurement, tags);
    }

    @Override
    public long deleteBefore(String database, String measurement, long timeNanos) {
        throw new UnsupportedOperationException("a tenant's view of the store is read-only");
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
