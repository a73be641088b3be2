package io.cairn.enterprise.audit.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Says which audit event an HTTP request was, from its method, path and status (null: not audited). */
final class RequestClassifier {
    private static final String TOKENS = "/api/v1/auth/tokens";
    private static final String RBAC = "/api/v1/rbac/";
    private static final Set<String> WRITE_PATHS = Set.of("/write", "/api/v2/write", "/api/v1/write");
    private static final Set<String> QUERY_PATHS = Set.of("/query", "/api/v2/query", "/api/v1/query", "/api/v1/metrics");
    private static final Map<String, String> RBAC_KINDS = Map.of("organizations", "organization", "teams", "team",
            "roles", "role", "measurements", "measurement_permission",
            "measurement-permissions", "measurement_permission");

    private final boolean includeReads;

    RequestClassifier(boolean includeReads) {
        this.includeReads = includeReads;
    }

    /** Returns the outcome of a status: success below 400, denied for 401/403, else failure. */
    static String outcome(int status) {
        if (status < 400) {
            return AuditRecord.SUCCESS;
        }
        return status == 401 || status == 403 ? AuditRecord.DENIED : AuditRecord.FAILURE;
    }

    /** Returns the event type of a request, or null when it is not audited. */
    String classify(String method, String rawPath, int status) {
        String path = trim(rawPath);
        String m = method == null ? "" : method.toUpperCase(Locale.ROOT);
        if (status == 401 || status == 429) {
            return "auth.failed";
        }
        if ("OPTIONS".equals(m) || "HEAD".equals(m)) {
            return null;
        }
        String type = administration(m, path);
        if (type != null) {
            return type;
        }
        return data(m, path);
    }

    private static String administration(String m, String path) {
        if (path.equals(TOKENS) || path.startsWith(TOKENS + "/")) {
            return token(m, path.substring(TOKENS.length()));
        }
        if (path.startsWith(RBAC)) {
            return rbac(m, path.substring(RBAC.length()).split("/"));
        }
        if (path.equals("/api/v1/license")) {
            return "PUT".equals(m) ? "license.installed" : "DELETE".equals(m) ? "license.removed" : null;
        }
        if (path.equals("/api/v1/admin/store")) {
            return "PUT".equals(m) ? "store.swapped" : null;
        }
        if (path.equals("/api/v1/admin/bundles") || path.startsWith("/api/v1/admin/bundles/")) {
            return bundle(m, path);
        }
        if (path.equals("/api/v1/databases") || path.startsWith("/api/v1/databases/")) {
            String change = change(m);
            return change == null ? null : "database." + change;
        }
        return null;
    }

    /** Installs ({@code POST} on the list), updates, uninstalls, stops and starts through the admin bundles API. */
    private static String bundle(String m, String path) {
        if (path.equals("/api/v1/admin/bundles")) {
            return "POST".equals(m) ? "bundle.installed" : null;
        }
        if ("POST".equals(m)) {
            return path.endsWith("/stop") ? "bundle.stopped" : path.endsWith("/start") ? "bundle.started" : null;
        }
        return "PUT".equals(m) ? "bundle.updated" : "DELETE".equals(m) ? "bundle.uninstalled" : null;
    }

    /** {@code rest} is what follows {@code /api/v1/auth/tokens}: empty, {@code /{id}}, {@code /{id}/rotate}, ... */
    private static String token(String m, String rest) {
        String[] parts = rest.isEmpty() ? new String[0] : rest.substring(1).split("/");
        if (parts.length == 0) {
            return "POST".equals(m) ? "token.created" : null;
        }
        if (parts.length == 1) {
            return "DELETE".equals(m) ? "token.deleted" : null;
        }
        if (parts.length == 2 && parts[1].equals("rotate")) {
            return "POST".equals(m) ? "token.rotated" : null;
        }
        if (parts[1].equals("teams")) {
            String change = change(m);
            return change == null ? null : "rbac.token_team." + change;
        }
        return null;
    }

    /** Segments after {@code /api/v1/rbac/}: collection, id, collection, id... The last collection names the kind. */
    private static String rbac(String m, String[] segments) {
        String change = change(m);
        if (change == null || segments.length == 0 || segments[0].isEmpty()) {
            return null;
        }
        String collection = segments[(segments.length - 1) / 2 * 2];
        String kind = RBAC_KINDS.getOrDefault(collection, collection.replace('-', '_'));
        return "rbac." + kind + "." + change;
    }

    private static String change(String m) {
        return switch (m) {
            case "POST" -> "created";
            case "PUT", "PATCH" -> "updated";
            case "DELETE" -> "deleted";
            default -> null;
        };
    }

    private String data(String m, String path) {
        boolean write = WRITE_PATHS.contains(path) || path.startsWith("/api/v1/write/");
        boolean query = QUERY_PATHS.contains(path) || path.startsWith("/api/v1/query/")
                || path.startsWith("/api/v1/metrics/");
        if (path.equals("/api/v2/delete") || path.equals("/api/v1/delete") || path.startsWith("/api/v1/delete/")
                || ("DELETE".equals(m) && (write || query))) {
            return "data.delete";
        }
        if (path.equals("/api/v1/import") || path.startsWith("/api/v1/import/") || path.equals("/api/v2/import")) {
            return "GET".equals(m) ? null : "data.import";
        }
        if (write) {
            return "GET".equals(m) ? null : "data.write";
        }
        if (query && includeReads) {
            return "data.query";
        }
        return null;
    }

    private static String trim(String path) {
        String p = path == null || path.isEmpty() ? "/" : path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
