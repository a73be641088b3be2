package io.cairn.enterprise.rbac.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RbacServletTest {
    private static final Map<String, Object> ADMIN = Map.of(RbacServlet.PRINCIPAL,
            Map.of("id", "admin1", "kind", "token", "permissions", List.of("read", "write", "delete", "admin")));

    @TempDir
    Path dir;
    private RbacStore store;
    private RbacServlet servlet;

    @BeforeEach
    void open() throws Exception {
        store = new RbacStore(dir.resolve("rbac.json"));
        servlet = new RbacServlet(store);
    }

    private ServletExchange.Answer send(String method, String path, String body) throws Exception {
        return ServletExchange.send(servlet, method, path, body, ADMIN);
    }

    @Test
    void anOrganizationWithATeamARoleAndAMeasurementPermission() throws Exception {
        ServletExchange.Answer org = send("POST", "/organizations", "{\"name\":\"acme\",\"description\":\"customer\"}");
        assertEquals(201, org.status());
        String orgId = org.json().path("id").asText();
        assertEquals("customer", org.json().path("description").asText());

        ServletExchange.Answer team = send("POST", "/organizations/" + orgId + "/teams", "{\"name\":\"operations\"}");
        assertEquals(201, team.status());
        String teamId = team.json().path("id").asText();
        assertEquals(orgId, team.json().path("organization_id").asText());

        ServletExchange.Answer role = send("POST", "/teams/" + teamId + "/roles",
                "{\"database_pattern\":\"metrics_*\",\"permissions\":[\"write\",\"read\"],\"row_filter\":\"env = 'production'\"}");
        assertEquals(201, role.status());
        String roleId = role.json().path("id").asText();
        assertEquals("[\"read\",\"write\"]", role.json().path("permissions").toString());
        assertEquals("env = 'production'", role.json().path("row_filter").asText());

        ServletExchange.Answer mp = send("POST", "/roles/" + roleId + "/measurements",
                "{\"measurement_pattern\":\"cpu\",\"permissions\":[\"read\"]}");
        assertEquals(201, mp.status());
        String mpId = mp.json().path("id").asText();

        store.addTeam("tok1", teamId);
        JsonNode roleView = send("GET", "/roles/" + roleId, null).json();
        assertEquals(mpId, roleView.path("measurements").path(0).path("id").asText());
        assertEquals("tok1", send("GET", "/teams/" + teamId, null).json().path("tokens").path(0).asText());
        assertEquals(teamId, send("GET", "/organizations/" + orgId + "/teams", null).json().path("teams").path(0).path("id").asText());
        assertEquals(roleId, send("GET", "/teams/" + teamId + "/roles", null).json().path("roles").path(0).path("id").asText());
        assertEquals("cpu", send("GET", "/measurement-permissions/" + mpId, null).json().path("measurement_pattern").asText());
        assertEquals(1, send("GET", "/organizations", null).json().path("organizations").size());

        ServletExchange.Answer patched = send("PATCH", "/organizations/" + orgId, "{\"description\":null}");
        assertEquals(200, patched.status());
        assertEquals("acme", patched.json().path("name").asText());
        assertEquals("", patched.json().path("description").asText());
        assertEquals("*", send("PUT", "/measurement-permissions/" + mpId, "{\"measurement_pattern\":\"*\"}")
                .json().path("measurement_pattern").asText());
        assertTrue(send("PUT", "/roles/" + roleId, "{\"row_filter\":null}").json().path("row_filter").isNull());

        assertEquals(204, send("DELETE", "/organizations/" + orgId, null).status());
        assertEquals("NOT_FOUND", send("GET", "/teams/" + teamId, null).errorCode());
        assertEquals(404, send("GET", "/roles/" + roleId, null).status());
        assertEquals(List.of(), store.grants("tok1"));
    }

    @Test
    void badInputGetsA400WithItsCodeNeverA500() throws Exception {
        String orgId = send("POST", "/organizations", "{\"name\":\"acme\"}").json().path("id").asText();
        String teamId = send("POST", "/organizations/" + orgId + "/teams", "{\"name\":\"ops\"}").json().path("id").asText();
        assertBad("INVALID_JSON", send("POST", "/organizations", "{\"name\":"));
        assertBad("INVALID_JSON", send("POST", "/organizations", "[\"acme\"]"));
        assertBad("INVALID_JSON", send("POST", "/organizations", ""));
        assertBad("INVALID_NAME", send("POST", "/organizations", "{\"name\":42}"));
        assertBad("INVALID_NAME", send("POST", "/organizations", "{}"));
        assertBad("INVALID_NAME", send("POST", "/organizations/" + orgId + "/teams", "{\"name\":\"-ops\"}"));
        assertBad("INVALID_PATTERN", send("POST", "/teams/" + teamId + "/roles", "{\"database_pattern\":\"a*b\",\"permissions\":[\"read\"]}"));
        assertBad("INVALID_PERMISSION", send("POST", "/teams/" + teamId + "/roles", "{\"database_pattern\":\"a\",\"permissions\":\"read\"}"));
        assertBad("INVALID_PERMISSION", send("POST", "/teams/" + teamId + "/roles", "{\"database_pattern\":\"a\",\"permissions\":[1]}"));
        assertBad("INVALID_ROW_FILTER", send("POST", "/teams/" + teamId + "/roles",
                "{\"database_pattern\":\"a\",\"permissions\":[\"read\"],\"row_filter\":\"env = 'a' OR 1=1\"}"));
        ServletExchange.Answer conflict = send("POST", "/organizations/" + orgId + "/teams", "{\"name\":\"ops\"}");
        assertEquals(409, conflict.status());
        assertEquals("CONFLICT", conflict.errorCode());
        assertEquals(404, send("POST", "/teams/team_nope/roles", "{\"database_pattern\":\"a\",\"permissions\":[\"read\"]}").status());
        assertEquals("NOT_FOUND", send("GET", "/widgets", null).errorCode());
        assertEquals("NOT_FOUND", send("GET", "/organizations/" + orgId + "/teams/x/y", null).errorCode());
        assertEquals("METHOD_NOT_ALLOWED", send("DELETE", "/organizations", null).errorCode());
        assertEquals(405, send("POST", "/roles/x", "{}").status());
        assertEquals(413, send("POST", "/organizations", "{\"description\":\"" + "x".repeat(70_000) + "\"}").status());
        assertEquals(1, store.data().teams().size());
        assertTrue(store.data().roles().isEmpty());
    }

    @Test
    void onlyGlobalAdminsMayReadOrChange() throws Exception {
        Map<String, Object> reader = Map.of(RbacServlet.PRINCIPAL, Map.of("id", "r", "permissions", List.of("read")));
        Map<String, Object> tenantAdmin = Map.of(RbacServlet.PRINCIPAL,
                Map.of("id", "t", "tenant", "acme", "permissions", List.of("read", "write", "delete", "admin")));
        ServletExchange.Answer refused = ServletExchange.send(servlet, "GET", "/organizations", null, reader);
        assertEquals(403, refused.status());
        assertEquals("FORBIDDEN", refused.errorCode());
        assertEquals(403, ServletExchange.send(servlet, "GET", "/organizations", null, tenantAdmin).status());
        assertEquals(403, ServletExchange.send(servlet, "POST", "/organizations", "{\"name\":\"x\"}", tenantAdmin).status());
        assertTrue(store.data().organizations().isEmpty());
        assertEquals(200, send("GET", "/organizations", null).status());
        assertEquals(201, ServletExchange.send(servlet, "POST", "/organizations", "{\"name\":\"open\"}", Map.of()).status());
    }

    private static void assertBad(String code, ServletExchange.Answer answer) throws Exception {
        assertEquals(400, answer.status(), answer.body());
        assertEquals(code, answer.errorCode());
    }
}
