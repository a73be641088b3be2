package io.cairn.security.internal;

import io.cairn.api.access.Permission;
import java.util.Optional;
import java.util.Set;

/**
 * The permission each endpoint needs: health and ping are open; writes need write, queries and
 * discovery read, DELETE and delete APIs delete, token management and {@code /api/v1/admin/*}
 * admin; an unknown path needs read to GET and admin for anything else.
 */
final class AccessPolicy {
    /** Paths that answer without a credential. */
    static final Set<String> OPEN = Set.of("/api/v1/health", "/ping", "/health");

    /**
     * What a path needs: a permission, whether a tenant's principal is refused there, and whether it is a
     * data path (its endpoint checks the permission per database and measurement through the request's access).
     */
    record Rule(Permission permission, boolean refusesTenants, boolean data) {
    }

    private AccessPolicy() {
    }

    /** Returns the rule for a method and path (as the servlet container matched it), empty when open. */
    static Optional<Rule> rule(String method, String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (OPEN.contains(p)) {
            return Optional.empty();
        }
        if (under(p, "/api/v1/auth")) {
            return rule(Permission.ADMIN, false, false);
        }
        boolean reading = "GET".equalsIgnoreCase(method) || "HEAD".equalsIgnoreCase(method);
        if (p.equals("/metrics")) {
            return rule(Permission.READ, true, false);
        }
        if (under(p, "/api/v1/admin") || under(p, "/api/v1/license") && !reading) {
            return rule(Permission.ADMIN, true, false);
        }
        if ("DELETE".equalsIgnoreCase(method) || p.equals("/api/v2/delete") || under(p, "/api/v1/delete")) {
            return rule(Permission.DELETE, false, true);
        }
        if (p.equals("/write") || p.equals("/api/v2/write") || under(p, "/api/v1/write")) {
            return rule(Permission.WRITE, false, true);
        }
        if (p.equals("/query") || p.equals("/api/v2/query") || under(p, "/api/v1/query") || under(p, "/api/v1/metrics")) {
            return rule(Permission.READ, false, true);
        }
        return rule(reading ? Permission.READ : Permission.ADMIN, !reading, false);
    }

    private static Optional<Rule> rule(Permission permission, boolean refusesTenants, boolean data) {
        return Optional.of(new Rule(permission, refusesTenants, data));
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
