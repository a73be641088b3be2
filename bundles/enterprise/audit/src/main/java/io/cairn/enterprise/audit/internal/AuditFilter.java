package io.cairn.enterprise.audit.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;

/**
 * Wraps every request (ranked above the authentication filter, so it sees its refusals too) and, once
 * the request is answered, hands an audit record to the trail when the request is an audited action:
 * method, path, status, the principal the authentication filter left, the client address and the database;
 * a closing trail waits for the requests inside it, and the filter refuses (503) what it could no longer record.
 */
@Component(service = Filter.class, property = "service.ranking:Integer=" + AuditFilter.RANKING)
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardFilterName("cairn-audit")
public final class AuditFilter implements Filter {
    /** Above the authentication filter's 1000: this filter runs first and returns last. */
    static final int RANKING = 2000;
    /** The request attribute in which the authentication filter leaves the principal. */
    static final String PRINCIPAL_ATTRIBUTE = "cairn.principal";
    static final String DATABASE_HEADER = "X-Cairn-Database";

    private final AuditTrail trail;

    @Activate
    public AuditFilter(@Reference AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain) throws IOException, ServletException {
        if (!trail.enabled() || !(req instanceof HttpServletRequest request)
                || !(resp instanceof HttpServletResponse response)) {
            chain.doFilter(req, resp);
            return;
        }
        String path = path(request);
        boolean awaited = !stopsThisBundle(path);
        if (awaited ? !trail.requests().enter() : trail.closing()) {
            response.setHeader("Retry-After", "1");
            AuditServlet.error(response, 503, "AUDIT_UNAVAILABLE",
                    "the audit log is closing and could not record this request, which was not run", Map.of());
            return;
        }
        try {
            Instant time = trail.now();
            String method = request.getMethod();
            boolean completed = false;
            try {
                chain.doFilter(request, response);
                completed = true;
            } finally {
                int status = response.getStatus();
                audit(request, time, method, path, completed || status >= 400 ? status : 500);
            }
        } finally {
            if (awaited) {
                trail.requests().leave();
            }
        }
    }

    /**
     * Whether a request may be what stops this bundle (a bundle or license change): the trail's close does not
     * wait for it, since it waits for the close.
     */
    static boolean stopsThisBundle(String path) {
        return path.startsWith("/api/v1/admin/bundles") || path.startsWith("/api/v1/license");
    }

    private void audit(HttpServletRequest request, Instant time, String method, String path, int status) {
        String type = trail.classifier().classify(method, path, status);
        if (type == null) {
            return;
        }
        Map<?, ?> principal = request.getAttribute(PRINCIPAL_ATTRIBUTE) instanceof Map<?, ?> m ? m : Map.of();
        String tenant = text(principal.get("tenant"));
        String actor = text(principal.get("id"));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("method", method);
        detail.put("path", path);
        detail.put("status", status);
        String query = QueryStrings.withoutSecrets(request.getQueryString());
        if (query != null) {
            detail.put("query", query);
        }
        if (tenant != null) {
            detail.put("tenant", tenant);
        }
        trail.record(new AuditRecord(time, type, actor != null ? actor : tenant, request.getRemoteAddr(),
                database(request), RequestClassifier.outcome(status), detail));
    }

    /**
     * The database a request names, as the endpoints read it: the {@code X-Cairn-Database} header, else the
     * {@code db} parameter, else the database part of {@code bucket} ({@code db/rp}); null when none.
     */
    static String database(HttpServletRequest request) {
        String header = request.getHeader(DATABASE_HEADER);
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        String raw = request.getQueryString();
        String db = QueryStrings.parameter(raw, "db");
        if (db != null && !db.isBlank()) {
            return db.trim();
        }
        String bucket = QueryStrings.parameter(raw, "bucket");
        if (bucket == null || bucket.isBlank()) {
            return null;
        }
        int slash = bucket.indexOf('/');
        return (slash < 0 ? bucket : bucket.substring(0, slash)).trim();
    }

    /** The path the container matched: servlet path plus path info. */
    static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String info = request.getPathInfo() == null ? "" : request.getPathInfo();
        String path = servletPath + info;
        return path.isEmpty() ? "/" : path;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
