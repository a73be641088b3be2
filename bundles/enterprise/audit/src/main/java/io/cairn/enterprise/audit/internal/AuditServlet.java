package io.cairn.enterprise.audit.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The audit API, admin only: {@code GET /api/v1/audit/logs} (events newest first, filtered),
 * {@code GET /api/v1/audit/stats} (counts by event type over a window, buffer counters) and
 * {@code GET /api/v1/audit/verify} (checks the hash chain, names the first broken link).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({AuditServlet.LOGS, AuditServlet.STATS, AuditServlet.VERIFY})
@HttpWhiteboardServletName("cairn-audit")
public final class AuditServlet extends HttpServlet {
    static final String LOGS = "/api/v1/audit/logs";
    static final String STATS = "/api/v1/audit/stats";
    static final String VERIFY = "/api/v1/audit/verify";
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient AuditTrail trail;

    @Activate
    public AuditServlet(@Reference AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!isAdmin(request.getAttribute(AuditFilter.PRINCIPAL_ATTRIBUTE))) {
            error(response, 403, "FORBIDDEN", "the audit log needs the admin permission", Map.of());
            return;
        }
        AuditParameters parameters = new AuditParameters(request::getParameter);
        try {
            switch (AuditFilter.path(request)) {
                case LOGS -> reply(response, 200, logs(parameters));
                case STATS -> reply(response, 200, stats(parameters));
                case VERIFY -> reply(response, 200, verify());
                default -> error(response, 404, "NOT_FOUND", "no such audit endpoint", Map.of());
            }
        } catch (InvalidQueryException e) {
            error(response, 400, "INVALID_QUERY", e.getMessage(), Map.of("field", e.field()));
        }
    }

    /** No principal means authentication is off: allowed. A principal needs the admin permission. */
    static boolean isAdmin(Object principal) {
        if (principal == null) {
            return true;
        }
        return principal instanceof Map<?, ?> p && p.get("permissions") instanceof Collection<?> permissions
                && permissions.contains("admin") && p.get("tenant") == null;
    }

    private Map<String, Object> logs(AuditParameters parameters) throws InvalidQueryException, IOException {
        AuditQuery query = parameters.query();
        int limit = parameters.limit();
        int offset = parameters.offset();
        AuditSearch.Page page = trail.search().find(query, limit, offset);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", page.events().stream().map(EventCodec::describe).toList());
        body.put("count", page.events().size());
        body.put("limit", limit);
        body.put("offset", offset);
        body.put("more", page.more());
        return body;
    }

    private Map<String, Object> stats(AuditParameters parameters) throws InvalidQueryException, IOException {
        AuditQuery window = parameters.window();
        Map<String, Long> counts = trail.search().countByType(window);
        AuditWriter.Counters c = trail.counters();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("since", window.since() == null ? null : window.since().toString());
        body.put("until", window.until() == null ? null : window.until().toString());
        body.put("total", counts.values().stream().mapToLong(Long::longValue).sum());
        body.put("counts", counts);
        body.put("recording", trail.enabled());
        body.put("buffered", c.buffered());
        body.put("dropped", c.dropped());
        body.put("written", c.written());
        body.put("write_failures", c.failed());
        body.put("last_seq", c.lastSeq());
        return body;
    }

    private Map<String, Object> verify() throws IOException {
        ChainVerifier.Result result = trail.verify();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("valid", result.valid());
        body.put("events", result.events());
        if (!result.valid()) {
            ChainVerifier.Break b = result.broken();
            Map<String, Object> at = new LinkedHashMap<>();
            at.put("seq", b.seq());
            at.put("file", b.file());
            at.put("line", b.line());
            body.put("broken_at", at);
            body.put("reason", b.reason());
        }
        return body;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        methodNotAllowed(response);
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        methodNotAllowed(response);
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        methodNotAllowed(response);
    }

    private static void methodNotAllowed(HttpServletResponse response) throws IOException {
        response.setHeader("Allow", "GET");
        error(response, 405, "METHOD_NOT_ALLOWED", "the audit log is read-only: use GET", Map.of());
    }

    static void reply(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body);
    }

    static void error(HttpServletResponse response, int status, String code, String message, Map<String, Object> details)
            throws IOException {
        reply(response, status, Map.of("error", Map.of("code", code, "message", message, "details", details)));
    }
}
