package io.cairn.enterprise.rbac.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RBAC REST API under {@code /api/v1/rbac/*}, for global admins only: the security bundle's
 * filter demands admin for changes, and this servlet refuses any request whose principal lacks admin
 * or belongs to a tenant (no principal at all means authentication is off).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/rbac/*")
@HttpWhiteboardServletName("cairn-rbac")
public final class RbacServlet extends HttpServlet {
    /** The request attribute where the security bundle leaves the caller. */
    static final String PRINCIPAL = "cairn.principal";
    static final int MAX_BODY = 64 * 1024;
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RbacServlet.class);

    private final transient RbacRoutes routes;

    @Activate
    public RbacServlet(@Reference RbacService service) {
        this(service.store());
    }

    RbacServlet(RbacStore store) {
        this.routes = new RbacRoutes(store);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            requireGlobalAdmin(req);
            String method = req.getMethod().toUpperCase(Locale.ROOT);
            JsonNode body = switch (method) {
                case "POST", "PUT", "PATCH" -> body(req);
                default -> null;
            };
            RbacRoutes.Reply reply = routes.handle(method, segments(req.getPathInfo()), body);
            resp.setStatus(reply.status());
            resp.setHeader("Cache-Control", "no-store");
            if (reply.body() != null) {
                resp.setContentType("application/json");
                resp.setCharacterEncoding("UTF-8");
                RbacJson.MAPPER.writeValue(resp.getOutputStream(), reply.body());
            }
        } catch (RbacException e) {
            error(resp, e);
        } catch (IOException | UncheckedIOException e) {
            LOG.error("RBAC model could not be saved", e);
            error(resp, new RbacException(500, "STORAGE_FAILED", "the RBAC model could not be saved; nothing changed",
                    Map.of()));
        }
    }

    private static void requireGlobalAdmin(HttpServletRequest req) {
        Object principal = req.getAttribute(PRINCIPAL);
        if (principal == null) {
            return;
        }
        boolean admin = principal instanceof Map<?, ?> map && map.get("tenant") == null
                && map.get("permissions") instanceof List<?> permissions && permissions.contains("admin");
        if (!admin) {
            throw new RbacException(403, "FORBIDDEN", "RBAC administration needs a global admin token", Map.of());
        }
    }

    private static JsonNode body(HttpServletRequest req) throws IOException {
        byte[] bytes = req.getInputStream().readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new RbacException(413, "BODY_TOO_LARGE", "the body has more than " + MAX_BODY + " bytes",
                    Map.of("limit", MAX_BODY));
        }
        JsonNode body;
        try {
            body = RbacJson.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            throw new RbacException(400, "INVALID_JSON", "the body must be a JSON object", Map.of());
        }
        return body;
    }

    /** Returns the non-empty segments of a path. */
    static List<String> segments(String pathInfo) {
        return pathInfo == null ? List.of() : Arrays.stream(pathInfo.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    private static void error(HttpServletResponse resp, RbacException e) throws IOException {
        resp.setStatus(e.status());
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        try (JsonGenerator g = RbacJson.MAPPER.getFactory().createGenerator(resp.getOutputStream())) {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("code", e.code());
            g.writeStringField("message", e.getMessage());
            g.writeObjectField("details", e.details());
            g.writeEndObject();
            g.writeEndObject();
        }
    }
}
