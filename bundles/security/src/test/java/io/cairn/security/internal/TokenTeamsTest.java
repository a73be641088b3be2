package io.cairn.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.api.access.Permission;
import io.cairn.api.access.RoleGrant;
import io.cairn.api.access.RowFilter;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token endpoints for teams and effective permissions, over a small RBAC provider. */
class TokenTeamsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private TokenStore store;
    private String id;
    private final FixedTeamGrants teams = new FixedTeamGrants()
            .team("analytics", new RoleGrant("analytics", "reader", "metrics_*", Set.of(Permission.READ),
                    List.of(new RoleGrant.MeasurementGrant("cpu*", Set.of(Permission.READ))), GrantedAccessTest.PRODUCTION))
            .team("ops", new RoleGrant("ops", "writer", "ops", Set.of(Permission.WRITE), List.of(), RowFilter.ALL));

    /** One answer of the servlet. */
    private record Answer(int status, JsonNode body) {
    }

    @BeforeEach
    void setUp() throws Exception {
        store = new TokenStore(dir, Clock.systemUTC());
        id = store.create("analyst", Set.of(Permission.WRITE), null).record().id();
    }

    private static Answer call(TokenServlet servlet, String method, String pathInfo, String body) throws Exception {
        return call(servlet, method, pathInfo, body, null);
    }

    private static Answer call(TokenServlet servlet, String method, String pathInfo, String body, Object principal)
            throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
        ServletInputStream input = new ServletInputStream() {
            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
            }

            @Override
            public int read() {
                return in.read();
            }
        };
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(TokenTeamsTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getPathInfo" -> pathInfo;
                    case "getInputStream" -> input;
                    case "getAttribute" -> Principal.ATTRIBUTE.equals(a[0]) ? principal : null;
                    default -> null;
                });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] status = {200};
        ServletOutputStream output = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }

            @Override
            public void write(int b) {
                out.write(b);
            }
        };
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(TokenTeamsTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> switch (m.getName()) {
                    case "setStatus" -> {
                        status[0] = (Integer) a[0];
                        yield null;
                    }
                    case "getOutputStream" -> output;
                    default -> null;
                });
        switch (method) {
            case "GET" -> servlet.doGet(request, response);
            case "POST" -> servlet.doPost(request, response);
            default -> servlet.doDelete(request, response);
        }
        return new Answer(status[0], out.size() == 0 ? null : JSON.readTree(out.toByteArray()));
    }

    @Test
    void teamsAreAddedListedAndRemovedAndUnknownOnesAre404() throws Exception {
        TokenServlet servlet = new TokenServlet(store, teams);
        Answer added = call(servlet, "POST", "/" + id + "/teams", "{\"team_id\":\"analytics\"}");
        assertEquals(200, added.status());
        assertEquals("[\"analytics\"]", added.body().get("teams").toString());
        assertEquals("[\"analytics\"]", call(servlet, "GET", "/" + id + "/teams", "").body().get("teams").toString());

        Answer unknownTeam = call(servlet, "POST", "/" + id + "/teams", "{\"team_id\":\"nope\"}");
        assertEquals(404, unknownTeam.status());
        assertEquals(404, call(servlet, "GET", "/0000/teams", "").status(), "unknown token");
        assertEquals(400, call(servlet, "POST", "/" + id + "/teams", "{}").status());

        assertEquals(204, call(servlet, "DELETE", "/" + id + "/teams/analytics", "").status());
        assertEquals(404, call(servlet, "DELETE", "/" + id + "/teams/analytics", "").status(), "no longer a member");
        assertEquals("[]", call(servlet, "GET", "/" + id + "/teams", "").body().get("teams").toString());
    }

    @Test
    void aTenantsAdminCannotSeeOrChangeMemberships() throws Exception {
        TokenServlet servlet = new TokenServlet(store, teams);
        Object tenantAdmin = java.util.Map.of("id", "t1", "tenant", "acme", "permissions", java.util.List.of("admin"));
        assertEquals(403, call(servlet, "POST", "/" + id + "/teams", "{\"team_id\":\"analytics\"}", tenantAdmin).status());
        assertEquals(403, call(servlet, "GET", "/" + id + "/permissions", "", tenantAdmin).status());
        assertEquals("[]", call(servlet, "GET", "/" + id + "/teams", "").body().get("teams").toString());
    }

    @Test
    void thePermissionsShowOwnTeamsGrantsAndTheEffectiveScopes() throws Exception {
        TokenServlet servlet = new TokenServlet(store, teams);
        call(servlet, "POST", "/" + id + "/teams", "{\"team_id\":\"analytics\"}");
        JsonNode body = call(servlet, "GET", "/" + id + "/permissions", "").body();
        assertEquals("[\"write\"]", body.get("permissions").toString());
        assertEquals("metrics_*", body.at("/grants/0/database").asText());
        assertEquals("env = 'production'", body.at("/grants/0/rows").asText());
        JsonNode read = body.at("/effective/read/0");
        assertEquals("metrics_*", read.get("database").asText());
        assertEquals("cpu*", read.get("measurement").asText());
        assertEquals("env = 'production'", read.get("rows").asText());
        assertEquals("*", body.at("/effective/write/0/database").asText());
        assertEquals("all", body.at("/effective/write/0/rows").asText());
        assertTrue(body.at("/effective/admin").isEmpty());
    }

    @Test
    void withoutTheRbacProviderTheEndpointsAreUnavailableAndDeletingATokenForgetsItsTeams() throws Exception {
        Answer unavailable = call(new TokenServlet(store, null), "GET", "/" + id + "/permissions", "");
        assertEquals(404, unavailable.status());
        assertEquals("FEATURE_UNAVAILABLE", unavailable.body().at("/error/code").asText());

        TokenServlet servlet = new TokenServlet(store, teams);
        call(servlet, "POST", "/" + id + "/teams", "{\"team_id\":\"ops\"}");
        assertEquals(204, call(servlet, "DELETE", "/" + id, "").status());
        assertEquals(List.of(id), teams.deleted);
        assertEquals(List.of(), teams.teamsOf(id));
    }
}
