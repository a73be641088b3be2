package io.cairn.security.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.api.access.Permission;
import io.cairn.api.access.TeamGrants;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Token management: {@code POST /api/v1/auth/tokens} (the secret is in this answer only),
 * {@code GET /api/v1/auth/tokens}, {@code DELETE /api/v1/auth/tokens/{id}} and
 * {@code POST /api/v1/auth/tokens/{id}/rotate}, and through the RBAC provider a token's teams and effective
 * permissions ({@link TokenTeamsResource}). A tenant's admin sees and manages only its tenant's tokens.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api/v1/auth/tokens", "/api/v1/auth/tokens/*"})
@HttpWhiteboardServletName("cairn-auth-tokens")
public final class TokenServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 64 * 1024;

    private final transient TokenStore store;

    /** The RBAC provider (an enterprise bundle, often absent). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile TeamGrants teamGrants;

    @Activate
    public TokenServlet(@Reference TokenRegistry registry) {
        this(registry.store(), null);
    }

    TokenServlet(TokenStore store, TeamGrants teamGrants) {
        this.store = store;
        this.teamGrants = teamGrants;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<String> parts = parts(req);
        if (parts.size() == 2 && (parts.get(1).equals("teams") || parts.get(1).equals("permissions"))) {
            onTeams(req, resp, parts);
            return;
        }
        if (!parts.isEmpty()) {
            notFound(resp);
            return;
        }
        String tenant = callerTenant(req);
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("tokens");
        store.list().stream().filter(r -> visible(r, tenant)).forEach(r -> describe(list.addObject(), r));
        send(resp, 200, root);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<String> parts = parts(req);
        if (parts.isEmpty()) {
            create(req, resp);
        } else if (parts.size() == 2 && parts.get(1).equals("rotate")) {
            Optional<TokenRecord> token = store.get(parts.get(0)).filter(r -> visible(r, callerTenant(req)));
            Optional<IssuedToken> issued = token.isEmpty() ? Optional.empty() : store.rotate(parts.get(0));
            if (issued.isEmpty()) {
                notFound(resp);
                return;
            }
            send(resp, 200, issued(issued.get()));
        } else if (parts.size() == 2 && parts.get(1).equals("teams")) {
            onTeams(req, resp, parts);
        } else {
            notFound(resp);
        }
    }

    @Override
    protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        List<String> parts = parts(req);
        if (parts.size() == 3 && parts.get(1).equals("teams")) {
            onTeams(req, resp, parts);
            return;
        }
        boolean deleted = parts.size() == 1
                && store.get(parts.get(0)).filter(r -> visible(r, callerTenant(req))).isPresent()
                && store.delete(parts.get(0));
        if (!deleted) {
            notFound(resp);
            return;
        }
        TeamGrants teams = teamGrants;
        if (teams != null) {
            teams.tokenDeleted(parts.get(0));
        }
        resp.setStatus(204);
    }

    /** Serves {@code {id}/teams}, {@code {id}/teams/{teamId}} and {@code {id}/permissions} through the RBAC provider. */
    private void onTeams(HttpServletRequest req, HttpServletResponse resp, List<String> parts) throws IOException {
        TeamGrants teams = teamGrants;
        if (teams == null) {
            TokenTeamsResource.unavailable(resp);
            return;
        }
        if (callerTenant(req) != null) {
            ErrorReplies.cairn(resp, 403, "FORBIDDEN",
                    "teams are global: a tenant's token cannot see or change memberships", Map.of());
            return;
        }
        Optional<TokenRecord> token = store.get(parts.get(0));
        if (token.isEmpty()) {
            notFound(resp);
            return;
        }
        TokenTeamsResource resource = new TokenTeamsResource(teams);
        String method = req.getMethod();
        if (parts.get(1).equals("permissions")) {
            resource.permissions(token.get(), resp);
        } else if (parts.size() == 3) {
            resource.removeTeam(token.get(), parts.get(2), resp);
        } else if ("POST".equals(method)) {
            resource.addTeam(token.get(), req.getInputStream(), resp);
        } else {
            resource.listTeams(token.get(), resp);
        }
    }

    private void create(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        JsonNode body;
        try {
            body = JSON.readTree(req.getInputStream().readNBytes(MAX_BODY));
        } catch (JsonProcessingException e) {
            invalid(resp, "body", "the body must be JSON: {\"name\",\"permissions\":[...],\"tenant\"}");
            return;
        }
        if (body == null || !body.isObject() || !body.path("permissions").isArray()) {
            invalid(resp, "permissions", "permissions must be a list of read, write, delete, admin (empty for a token "
                    + "that gets its rights from its teams only)");
            return;
        }
        List<String> labels = new ArrayList<>();
        body.path("permissions").forEach(p -> labels.add(p.asText()));
        Set<Permission> permissions;
        try {
            permissions = PermissionLabels.parseAll(labels);
        } catch (IllegalArgumentException e) {
            invalid(resp, "permissions", e.getMessage());
            return;
        }
        String caller = callerTenant(req);
        String tenant = body.hasNonNull("tenant") ? body.get("tenant").asText() : caller;
        if (tenant != null && !Tenants.isValid(tenant)) {
            invalid(resp, "tenant", Tenants.rule());
            return;
        }
        if (caller != null && !caller.equals(tenant)) {
            ErrorReplies.cairn(resp, 403, "FORBIDDEN", "a tenant's token can only create tokens of its own tenant",
                    Map.of("tenant", String.valueOf(tenant)));
            return;
        }
        String name = body.path("name").asText("");
        if (name.length() > 200) {
            invalid(resp, "name", "name has at most 200 characters");
            return;
        }
        send(resp, 201, issued(store.create(name, permissions, tenant)));
    }

    private static boolean visible(TokenRecord r, String callerTenant) {
        return callerTenant == null || callerTenant.equals(r.tenant());
    }

    /** Returns the tenant of the authenticated caller; null for a global token or with authentication off. */
    private static String callerTenant(HttpServletRequest req) {
        return req.getAttribute(Principal.ATTRIBUTE) instanceof Map<?, ?> principal
                && principal.get("tenant") instanceof String tenant ? tenant : null;
    }

    private static List<String> parts(HttpServletRequest req) {
        String info = req.getPathInfo() == null ? "" : req.getPathInfo();
        return List.of(info.split("/")).stream().filter(p -> !p.isEmpty()).toList();
    }

    private static ObjectNode issued(IssuedToken issued) {
        ObjectNode node = JSON.createObjectNode();
        describe(node, issued.record());
        node.put("token", issued.secret());
        return node;
    }

    private static void describe(ObjectNode node, TokenRecord r) {
        node.put("id", r.id());
        node.put("name", r.name());
        ArrayNode permissions = node.putArray("permissions");
        PermissionLabels.labels(r.permissions()).forEach(permissions::add);
        node.put("tenant", r.tenant());
        node.put("created", r.created().toString());
        node.put("rotated", r.rotated() == null ? null : r.rotated().toString());
    }

    private static void invalid(HttpServletResponse resp, String field, String message) throws IOException {
        ErrorReplies.cairn(resp, 400, "INVALID_TOKEN_REQUEST", message, Map.of("field", field));
    }

    private static void notFound(HttpServletResponse resp) throws IOException {
        ErrorReplies.cairn(resp, 404, "NOT_FOUND", "no such token", Map.of());
    }

    /** Sends a JSON answer that no cache keeps. */
    static void send(HttpServletResponse resp, int status, JsonNode body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        JSON.writeValue(resp.getOutputStream(), body);
    }
}
