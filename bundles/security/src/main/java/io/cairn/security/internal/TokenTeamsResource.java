package io.cairn.security.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.api.access.Permission;
import io.cairn.api.access.RoleGrant;
import io.cairn.api.access.RowFilter;
import io.cairn.api.access.TeamGrants;
import io.cairn.api.store.TagPredicate;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A token's teams and effective permissions through the RBAC provider: {@code GET/POST .../{id}/teams},
 * {@code DELETE .../{id}/teams/{teamId}} and {@code GET .../{id}/permissions}.
 */
final class TokenTeamsResource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 16 * 1024;

    private final TeamGrants teams;

    TokenTeamsResource(TeamGrants teams) {
        this.teams = teams;
    }

    /** Answers 404 FEATURE_UNAVAILABLE: no RBAC provider is running (no licence naming rbac, or not installed). */
    static void unavailable(HttpServletResponse resp) throws IOException {
        ErrorReplies.cairn(resp, 404, "FEATURE_UNAVAILABLE",
                "teams need the RBAC feature, which is not running on this node", Map.of("feature", "rbac"));
    }

    /** Lists a token's teams. */
    void listTeams(TokenRecord token, HttpServletResponse resp) throws IOException {
        TokenServlet.send(resp, 200, teamsOf(token));
    }

    /** Adds a token to the team named by {@code team_id} in the body; an unknown team is 404. */
    void addTeam(TokenRecord token, InputStream body, HttpServletResponse resp) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(body.readNBytes(MAX_BODY));
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (node == null || !node.path("team_id").isTextual() || node.path("team_id").asText().isBlank()) {
            ErrorReplies.cairn(resp, 400, "INVALID_TOKEN_REQUEST", "the body must be {\"team_id\":\"...\"}",
                    Map.of("field", "team_id"));
            return;
        }
        String team = node.path("team_id").asText();
        try {
            teams.addTeam(token.id(), team);
        } catch (IllegalArgumentException unknown) {
            ErrorReplies.cairn(resp, 404, "NOT_FOUND", "no such team", Map.of("team_id", team));
            return;
        }
        TokenServlet.send(resp, 200, teamsOf(token));
    }

    /** Removes a token from a team; 404 when it was not a member. */
    void removeTeam(TokenRecord token, String team, HttpServletResponse resp) throws IOException {
        if (!teams.removeTeam(token.id(), team)) {
            ErrorReplies.cairn(resp, 404, "NOT_FOUND", "the token is not a member of this team", Map.of("team_id", team));
            return;
        }
        resp.setStatus(204);
    }

    /** Describes a token's own permissions, teams, role grants and what they add up to. */
    void permissions(TokenRecord token, HttpServletResponse resp) throws IOException {
        ObjectNode root = teamsOf(token);
        root.put("tenant", token.tenant());
        ArrayNode own = root.putArray("permissions");
        PermissionLabels.labels(token.permissions()).forEach(own::add);
        List<RoleGrant> grants = teams.grants(token.id());
        ArrayNode list = root.putArray("grants");
        for (RoleGrant g : grants) {
            ObjectNode n = list.addObject();
            n.put("team", g.team());
            n.put("role", g.role());
            n.put("database", g.databasePattern());
            labels(n.putArray("permissions"), g.permissions());
            ArrayNode measurements = n.putArray("measurements");
            for (RoleGrant.MeasurementGrant m : g.measurements()) {
                ObjectNode mn = measurements.addObject();
                mn.put("measurement", m.pattern());
                labels(mn.putArray("permissions"), m.permissions());
            }
            n.put("rows", rows(g.rowFilter()));
        }
        ObjectNode effective = root.putObject("effective");
        Principal principal = token.principal();
        for (Permission p : Permission.values()) {
            ArrayNode scopes = effective.putArray(p.label());
            if (principal.has(p)) {
                scope(scopes, "*", "*", "token", RowFilter.ALL);
            }
            for (RoleGrant g : grants) {
                addScopes(scopes, g, p);
            }
        }
        TokenServlet.send(resp, 200, root);
    }

    private static void addScopes(ArrayNode scopes, RoleGrant g, Permission p) {
        if (!g.permissions().contains(p) && !g.permissions().contains(Permission.ADMIN)) {
            return;
        }
        String source = g.team() + "/" + g.role();
        RowFilter rows = p == Permission.READ ? g.rowFilter() : RowFilter.ALL;
        if (g.measurements().isEmpty()) {
            scope(scopes, g.databasePattern(), "*", source, rows);
            return;
        }
        g.measurements().stream()
                .filter(m -> m.permissions().contains(p) || m.permissions().contains(Permission.ADMIN))
                .forEach(m -> scope(scopes, g.databasePattern(), m.pattern(), source, rows));
    }

    private static void scope(ArrayNode scopes, String database, String measurement, String source, RowFilter rows) {
        ObjectNode n = scopes.addObject();
        n.put("database", database);
        n.put("measurement", measurement);
        n.put("rows", rows(rows));
        n.put("source", source);
    }

    private ObjectNode teamsOf(TokenRecord token) {
        ObjectNode root = JSON.createObjectNode();
        root.put("token_id", token.id());
        ArrayNode list = root.putArray("teams");
        teams.teamsOf(token.id()).forEach(list::add);
        return root;
    }

    private static void labels(ArrayNode array, Set<Permission> permissions) {
        PermissionLabels.labels(permissions).forEach(array::add);
    }

    /** Returns a row filter as text: {@code all}, or alternatives joined by OR of predicates joined by AND. */
    static String rows(RowFilter filter) {
        if (filter == null || filter.isAll()) {
            return "all";
        }
        return filter.alternatives().stream()
                .map(c -> c.stream().map(TokenTeamsResource::predicate).collect(Collectors.joining(" AND ")))
                .collect(Collectors.joining(" OR "));
    }

    private static String predicate(TagPredicate p) {
        List<String> values = p.values().stream().sorted().map(v -> "'" + v.replace("'", "''") + "'").toList();
        return values.size() == 1 ? p.key() + " = " + values.get(0) : p.key() + " IN (" + String.join(", ", values) + ")";
    }
}
