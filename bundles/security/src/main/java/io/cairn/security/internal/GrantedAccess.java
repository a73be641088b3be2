package io.cairn.security.internal;

import io.cairn.api.access.Permission;
import io.cairn.api.access.RequestAccess;
import io.cairn.api.access.RoleGrant;
import io.cairn.api.access.RowFilter;
import io.cairn.api.store.TagPredicate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What one authenticated request may do: a permission on a database and measurement is granted when
 * any role grant of the principal's teams permits it, otherwise when the principal's own permissions
 * hold it. Immutable apart from a small cache of the answers it already gave.
 */
final class GrantedAccess implements RequestAccess {
    /**
     * The filter given for a measurement the request may not read at all: no stored row has a tag key
     * made of a NUL character, so nothing passes. Callers check {@link #permits} first.
     */
    static final RowFilter NOTHING = RowFilter.of(List.of(new TagPredicate("\u0000", Set.of("\u0000"))));
    private static final int CACHE_LIMIT = 256;

    private final Principal principal;
    private final List<RoleGrant> grants;
    private final Map<Question, Boolean> permitted = new ConcurrentHashMap<>();
    private final Map<Question, RowFilter> filters = new ConcurrentHashMap<>();

    private record Question(Permission permission, String database, String measurement) {
    }

    /** The access of a principal holding some role grants (empty without teams or without an RBAC provider). */
    GrantedAccess(Principal principal, List<RoleGrant> grants) {
        this.principal = principal;
        this.grants = List.copyOf(grants);
    }

    /** Returns the role grants this access combines with the principal's own permissions. */
    List<RoleGrant> grants() {
        return grants;
    }

    @Override
    public boolean permits(Permission permission, String database, String measurement) {
        String db = ownDatabase(database);
        if (db == null && principal.tenant() != null) {
            return false;
        }
        if (principal.has(permission)) {
            return true;
        }
        if (grants.isEmpty()) {
            return false;
        }
        return cached(permitted, new Question(permission, db, measurement),
                q -> grants.stream().anyMatch(g -> g.permits(permission, db, measurement)));
    }

    @Override
    public RowFilter rowFilter(String database, String measurement) {
        String db = ownDatabase(database);
        if (db == null && principal.tenant() != null) {
            return NOTHING;
        }
        if (principal.has(Permission.READ)) {
            return RowFilter.ALL;
        }
        return cached(filters, new Question(Permission.READ, db, measurement), q -> unionOfGranting(db, measurement));
    }

    /**
     * Returns whether the request may pass the filter towards an endpoint needing a permission: with the
     * principal's own permission; on a data path (whose endpoint checks each database and measurement)
     * with a grant giving it on the named database, or on some database when none is named; elsewhere
     * (token and RBAC management, admin, license, metrics) only with its own: a role never makes an admin, so no
     * team member can mint itself a token with more than its roles give.
     *
     * @param database the database the request names before any tenant mapping, null when it names none
     */
    boolean mayEnter(Permission permission, boolean dataPath, String database) {
        if (principal.has(permission)) {
            return true;
        }
        if (!dataPath) {
            return false;
        }
        if (database == null || database.isEmpty()) {
            return grants.stream().anyMatch(g -> holds(g, permission));
        }
        return grants.stream().anyMatch(g -> g.permits(permission, database, null));
    }

    private RowFilter unionOfGranting(String db, String measurement) {
        List<RoleGrant> granting = grants.stream().filter(g -> g.permits(Permission.READ, db, measurement)).toList();
        if (granting.isEmpty()) {
            return NOTHING;
        }
        if (granting.stream().anyMatch(g -> g.rowFilter() == null || g.rowFilter().isAll())) {
            return RowFilter.ALL;
        }
        Set<List<TagPredicate>> alternatives = new LinkedHashSet<>();
        granting.forEach(g -> alternatives.addAll(g.rowFilter().alternatives()));
        return new RowFilter(List.copyOf(alternatives));
    }

    /** Returns the database as the principal names it: a tenant's physical name without its prefix, else null. */
    private String ownDatabase(String database) {
        if (principal.tenant() == null || database == null) {
            return database;
        }
        String prefix = Tenants.physical(principal.tenant(), "");
        return database.startsWith(prefix) ? database.substring(prefix.length()) : null;
    }

    private static boolean holds(RoleGrant grant, Permission permission) {
        return grant.permissions().contains(permission) || grant.permissions().contains(Permission.ADMIN);
    }

    private static <V> V cached(Map<Question, V> cache, Question question, Function<Question, V> compute) {
        V known = cache.get(question);
        if (known != null) {
            return known;
        }
        V value = compute.apply(question);
        if (cache.size() < CACHE_LIMIT) {
            cache.put(question, value);
        }
        return value;
    }
}
