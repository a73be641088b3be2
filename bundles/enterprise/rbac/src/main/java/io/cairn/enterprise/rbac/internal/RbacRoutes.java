package io.cairn.enterprise.rbac.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The RBAC REST resources below {@code /api/v1/rbac}: which method on which path segments does what
 * to the model, and the JSON it answers with. Updates (PUT and PATCH alike) change only the fields given.
 */
final class RbacRoutes {
    private static final String ORGANIZATIONS = "organizations";
    private static final String TEAMS = "teams";
    private static final String ROLES = "roles";
    private static final String MEASUREMENTS = "measurements";
    private static final String MEASUREMENT_PERMISSIONS = "measurement-permissions";

    /** An answer: a status and a JSON body, null for none (204). */
    record Reply(int status, JsonNode body) {
    }

    private final RbacStore store;

    RbacRoutes(RbacStore store) {
        this.store = store;
    }

    /**
     * Answers a request for path segments after {@code /api/v1/rbac}.
     *
     * @param body the JSON object a POST, PUT or PATCH sent; ignored otherwise
     * @throws RbacException for input that breaks a rule, an unknown path or id, or a method a path does not serve
     */
    Reply handle(String method, List<String> path, JsonNode body) throws IOException {
        if (path.size() == 1 && path.get(0).equals(ORGANIZATIONS)) {
            return switch (allow(method, "GET", "POST")) {
                case "GET" -> list(ORGANIZATIONS,
                        store.data().organizations().values().stream().map(RbacJson::node).toList());
                default -> created(RbacJson.node(store.createOrganization(text(body, "name", "INVALID_NAME"),
                        text(body, "description", "INVALID_DESCRIPTION"))));
            };
        }
        if (path.size() == 2) {
            return item(method, path.get(0), path.get(1), body);
        }
        if (path.size() == 3) {
            return children(method, path.get(0) + "/" + path.get(2), path.get(1), body);
        }
        throw notFound();
    }

    private Reply item(String method, String kind, String id, JsonNode body) throws IOException {
        RbacData data = store.data();
        switch (kind) {
            case ORGANIZATIONS -> {
                return switch (allow(method, "GET", "PUT", "PATCH", "DELETE")) {
                    case "GET" -> ok(RbacJson.node(data.organization(id)
                            .orElseThrow(() -> RbacException.notFound("organization", id))));
                    case "DELETE" -> deleted(() -> store.deleteOrganization(id));
                    default -> ok(RbacJson.node(store.updateOrganization(id, text(body, "name", "INVALID_NAME"),
                            text(body, "description", "INVALID_DESCRIPTION"))));
                };
            }
            case TEAMS -> {
                return switch (allow(method, "GET", "PUT", "PATCH", "DELETE")) {
                    case "GET" -> ok(team(data, data.team(id).orElseThrow(() -> RbacException.notFound("team", id))));
                    case "DELETE" -> deleted(() -> store.deleteTeam(id));
                    default -> ok(team(store.data(), store.updateTeam(id, text(body, "name", "INVALID_NAME"),
                            text(body, "description", "INVALID_DESCRIPTION"))));
                };
            }
            case ROLES -> {
                return switch (allow(method, "GET", "PUT", "PATCH", "DELETE")) {
                    case "GET" -> ok(role(data, data.role(id).orElseThrow(() -> RbacException.notFound("role", id))));
                    case "DELETE" -> deleted(() -> store.deleteRole(id));
                    default -> ok(role(store.data(), store.updateRole(id, text(body, "database_pattern", "INVALID_PATTERN"),
                            permissions(body), text(body, "row_filter", "INVALID_ROW_FILTER"))));
                };
            }
            case MEASUREMENT_PERMISSIONS -> {
                return switch (allow(method, "GET", "PUT", "PATCH", "DELETE")) {
                    case "GET" -> ok(RbacJson.node(data.measurement(id)
                            .orElseThrow(() -> RbacException.notFound("measurement permission", id))));
                    case "DELETE" -> deleted(() -> store.deleteMeasurement(id));
                    default -> ok(RbacJson.node(store.updateMeasurement(id,
                            text(body, "measurement_pattern", "INVALID_PATTERN"), permissions(body))));
                };
            }
            default -> throw notFound();
        }
    }

    private Reply children(String method, String route, String id, JsonNode body) throws IOException {
        RbacData data = store.data();
        switch (route) {
            case ORGANIZATIONS + "/" + TEAMS -> {
                data.organization(id).orElseThrow(() -> RbacException.notFound("organization", id));
                return switch (allow(method, "GET", "POST")) {
                    case "GET" -> list(TEAMS, data.teamsOf(id).stream().map(t -> team(data, t)).toList());
                    default -> created(team(store.data(), store.createTeam(id, text(body, "name", "INVALID_NAME"),
                            text(body, "description", "INVALID_DESCRIPTION"))));
                };
            }
            case TEAMS + "/" + ROLES -> {
                data.team(id).orElseThrow(() -> RbacException.notFound("team", id));
                return switch (allow(method, "GET", "POST")) {
                    case "GET" -> list(ROLES, data.rolesOf(id).stream().map(r -> role(data, r)).toList());
                    default -> created(role(store.data(), store.createRole(id,
                            text(body, "database_pattern", "INVALID_PATTERN"), permissions(body),
                            text(body, "row_filter", "INVALID_ROW_FILTER"))));
                };
            }
            case ROLES + "/" + MEASUREMENTS -> {
                data.role(id).orElseThrow(() -> RbacException.notFound("role", id));
                return switch (allow(method, "GET", "POST")) {
                    case "GET" -> list(MEASUREMENTS, data.measurementsOf(id).stream().map(RbacJson::node).toList());
                    default -> created(RbacJson.node(store.createMeasurement(id,
                            text(body, "measurement_pattern", "INVALID_PATTERN"), permissions(body))));
                };
            }
            default -> throw notFound();
        }
    }

    /** A team with the tokens that belong to it. */
    private static ObjectNode team(RbacData data, Team t) {
        ObjectNode node = RbacJson.node(t);
        ArrayNode tokens = node.putArray("tokens");
        data.tokensOf(t.id()).forEach(tokens::add);
        return node;
    }

    /** A role with its measurement permissions. */
    private static ObjectNode role(RbacData data, Role r) {
        ObjectNode node = RbacJson.node(r);
        ArrayNode measurements = node.putArray(MEASUREMENTS);
        data.measurementsOf(r.id()).forEach(m -> measurements.add(RbacJson.node(m)));
        return node;
    }

    /**
     * Returns a field's text: null when absent (keep or default), "" when JSON null (clear).
     *
     * @throws RbacException 400 with the code when the field is not a string
     */
    private static String text(JsonNode body, String field, String code) {
        JsonNode value = body.get(field);
        if (value == null) {
            return null;
        }
        if (value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw RbacException.invalid(code, field, field + " must be a string");
        }
        return value.asText();
    }

    /** Returns the permission labels sent, null when absent. */
    private static List<String> permissions(JsonNode body) {
        JsonNode value = body.get("permissions");
        if (value == null) {
            return null;
        }
        List<String> labels = RbacJson.texts(value);
        if (labels == null) {
            throw RbacException.invalid("INVALID_PERMISSION", "permissions",
                    "permissions must be a list of read, write, delete, admin");
        }
        return labels;
    }

    private static String allow(String method, String... allowed) {
        for (String a : allowed) {
            if (a.equals(method)) {
                return a;
            }
        }
        throw new RbacException(405, "METHOD_NOT_ALLOWED", method + " is not served here",
                Map.of("allowed", String.join(", ", allowed)));
    }

    private static Reply list(String name, List<ObjectNode> items) {
        ObjectNode root = RbacJson.MAPPER.createObjectNode();
        root.putArray(name).addAll(items);
        return ok(root);
    }

    private static Reply ok(JsonNode body) {
        return new Reply(200, body);
    }

    private static Reply created(JsonNode body) {
        return new Reply(201, body);
    }

    private interface Deletion {
        void run() throws IOException;
    }

    private static Reply deleted(Deletion deletion) throws IOException {
        deletion.run();
        return new Reply(204, null);
    }

    private static RbacException notFound() {
        return new RbacException(404, "NOT_FOUND", "no such RBAC resource", Map.of());
    }
}
