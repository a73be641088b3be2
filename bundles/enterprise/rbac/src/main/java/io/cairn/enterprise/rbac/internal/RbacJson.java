package io.cairn.enterprise.rbac.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.api.access.Permission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The snake_case JSON form of RBAC objects, shared by the REST API and the {@code rbac.json} file. */
final class RbacJson {
    /** The mapper every RBAC class uses. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private RbacJson() {
    }

    static ObjectNode node(Organization o) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", o.id());
        n.put("name", o.name());
        n.put("description", o.description());
        return n;
    }

    static ObjectNode node(Team t) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", t.id());
        n.put("organization_id", t.organizationId());
        n.put("name", t.name());
        n.put("description", t.description());
        return n;
    }

    static ObjectNode node(Role r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", r.id());
        n.put("team_id", r.teamId());
        n.put("database_pattern", r.databasePattern());
        permissions(n, r.permissions());
        n.put("row_filter", r.rowFilter());
        return n;
    }

    static ObjectNode node(MeasurementPermission m) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", m.id());
        n.put("role_id", m.roleId());
        n.put("measurement_pattern", m.measurementPattern());
        permissions(n, m.permissions());
        return n;
    }

    static Organization organization(JsonNode n) {
        return new Organization(n.path("id").asText(), n.path("name").asText(), n.path("description").asText(""));
    }

    static Team team(JsonNode n) {
        return new Team(n.path("id").asText(), n.path("organization_id").asText(), n.path("name").asText(),
                n.path("description").asText(""));
    }

    static Role role(JsonNode n) {
        return new Role(n.path("id").asText(), n.path("team_id").asText(), n.path("database_pattern").asText(),
                RbacRules.permissions(texts(n.path("permissions"))),
                n.hasNonNull("row_filter") ? RbacRules.rowFilter(n.get("row_filter").asText()) : null);
    }

    static MeasurementPermission measurement(JsonNode n) {
        return new MeasurementPermission(n.path("id").asText(), n.path("role_id").asText(),
                n.path("measurement_pattern").asText(), RbacRules.permissions(texts(n.path("permissions"))));
    }

    /** Returns the texts of a JSON array; null when the node is not an array of strings. */
    static List<String> texts(JsonNode array) {
        if (!array.isArray()) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return null;
            }
            texts.add(item.asText());
        }
        return texts;
    }

    private static void permissions(ObjectNode n, Set<Permission> permissions) {
        ArrayNode list = n.putArray("permissions");
        RbacRules.labels(permissions).forEach(list::add);
    }
}
