package io.cairn.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.access.Permission;
import io.cairn.api.access.RequestAccess;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

/** The filter as the container drives it: requests and responses stand in for Jetty's. */
class AuthFilterTest {
    private static final String ADMIN = "filter-test-admin-token-0123456789";
    @TempDir
    Path dir;

    /** Returns an annotation-typed configuration whose every attribute has its default value. */
    @SuppressWarnings("unchecked")
    private static <T> T defaults(Class<T> type, Map<String, Object> overrides) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (p, m, a) -> overrides.getOrDefault(m.getName(), m.getDefaultValue()));
    }

    private static BundleContext context(Map<String, String> properties) {
        return (BundleContext) Proxy.newProxyInstance(AuthFilterTest.class.getClassLoader(), new Class<?>[] {BundleContext.class},
                (p, m, a) -> m.getName().equals("getProperty") ? properties.get((String) a[0]) : null);
    }

    /** One request/response pair; records what the filter answered and what it passed on. */
    private static final class Exchange {
        final Map<String, Object> attributes = new HashMap<>();
        final Map<String, String> responseHeaders = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final AtomicReference<HttpServletRequest> passed = new AtomicReference<>();
        int status = 200;

        void run(AuthFilter filter, String method, String path, String query, Map<String, String> headers) throws Exception {
            HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                        case "getMethod" -> method;
                        case "getServletPath" -> path;
                        case "getQueryString" -> query;
                        case "getRemoteAddr" -> "192.0.2.7";
                        case "getHeader" -> headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase((String) a[0]))
                                .map(Map.Entry::getValue).findFirst().orElse(null);
                        case "setAttribute" -> attributes.put((String) a[0], a[1]);
                        case "getAttribute" -> attributes.get((String) a[0]);
                        default -> null;
                    });
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }

                @Override
                public void write(int b) {
                    body.write(b);
                }
            };
            HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> switch (m.getName()) {
                        case "setStatus" -> {
                            status = (Integer) a[0];
                            yield null;
                        }
                        case "setHeader" -> responseHeaders.put((String) a[0], (String) a[1]);
                        case "getOutputStream" -> out;
                        default -> null;
                    });
            filter.doFilter(request, response, (req, resp) -> passed.set((HttpServletRequest) req));
        }

        String body() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private AuthFilter filter(boolean withStore) throws Exception {
        BundleContext context = context(Map.of(TokenRegistry.ADMIN_TOKEN_PROPERTY, ADMIN));
        AuthFilter filter = new AuthFilter(context, defaults(AuthFilter.Config.class, Map.of()));
        if (withStore) {
            filter.bindRegistry(new TokenRegistry(context, defaults(TokenRegistry.Config.class, Map.of("data_dir", dir.toString()))));
        }
        return filter;
    }

    @Test
    void aTenantRequestReachesTheEndpointWithItsDatabaseMappedAndThePrincipalSet() throws Exception {
        AuthFilter filter = filter(false);
        TokenRegistry registry = new TokenRegistry(context(Map.of()), defaults(TokenRegistry.Config.class,
                Map.of("data_dir", dir.toString())));
        String tenantToken = registry.store().create("t", Set.of(Permission.WRITE), "acme").secret();
        filter.bindRegistry(registry);

        Exchange x = new Exchange();
        x.run(filter, "POST", "/api/v1/write", "db=metrics", Map.of("Authorization", "Bearer " + tenantToken));
        assertEquals("db=acme__metrics", x.passed.get().getQueryString());
        Map<?, ?> principal = (Map<?, ?>) x.attributes.get(Principal.ATTRIBUTE);
        assertEquals("acme", principal.get("tenant"));
        assertEquals(List.of("write"), principal.get("permissions"));
        RequestAccess access = (RequestAccess) x.attributes.get(RequestAccess.ATTRIBUTE);
        assertTrue(access.permits(Permission.WRITE, "acme__metrics", "cpu"));
        assertFalse(access.permits(Permission.WRITE, "other__metrics", "cpu"), "never another tenant's database");
        assertFalse(access.permits(Permission.READ, "acme__metrics", "cpu"));
    }

    @Test
    void aTeamGrantLetsATokenReachTheDatabaseTheRequestNames() throws Exception {
        AuthFilter filter = filter(false);
        TokenRegistry registry = new TokenRegistry(context(Map.of()), defaults(TokenRegistry.Config.class,
                Map.of("data_dir", dir.toString())));
        IssuedToken writer = registry.store().create("w", Set.of(Permission.WRITE), null);
        filter.bindRegistry(registry);
        FixedTeamGrants teams = new FixedTeamGrants().team("analytics",
                GrantedAccessTest.role("metrics_*", Set.of(Permission.READ), GrantedAccessTest.PRODUCTION));
        teams.addTeam(writer.record().id(), "analytics");
        filter.teamGrants = teams;

        Exchange named = new Exchange();
        named.run(filter, "POST", "/api/v1/query", null, Map.of("Authorization", "Bearer " + writer.secret(),
                "X-Cairn-Database", "metrics_web"));
        assertNotNull(named.passed.get());
        RequestAccess access = (RequestAccess) named.attributes.get(RequestAccess.ATTRIBUTE);
        assertEquals(GrantedAccessTest.PRODUCTION, access.rowFilter("metrics_web", "cpu"));
        Exchange other = new Exchange();
        other.run(filter, "GET", "/api/v1/metrics", "db=logs", Map.of("Authorization", "Bearer " + writer.secret()));
        assertEquals(403, other.status);
        Exchange bucket = new Exchange();
        bucket.run(filter, "POST", "/api/v2/query", "bucket=metrics_a/autogen",
                Map.of("Authorization", "Token " + writer.secret()));
        assertNotNull(bucket.passed.get());
    }

    @Test
    void refusalsComeInTheShapeOfTheEndpointsClients() throws Exception {
        AuthFilter filter = filter(true);
        Exchange cairn = new Exchange();
        cairn.run(filter, "GET", "/api/v1/metrics", null, Map.of());
        assertNull(cairn.passed.get());
        assertEquals(401, cairn.status);
        assertTrue(cairn.body().startsWith("{\"error\":{\"code\":\"UNAUTHORIZED\""), cairn.body());
        assertEquals("close", cairn.responseHeaders.get("Connection"));

        Exchange v1 = new Exchange();
        v1.run(filter, "POST", "/write", "db=x&u=a&p=wrong", Map.of());
        assertEquals(401, v1.status);
        assertEquals("{\"error\":\"the token is not valid\"}", v1.body());

        Exchange admin = new Exchange();
        admin.run(filter, "POST", "/api/v2/write", "bucket=x", Map.of("Authorization", "Token " + ADMIN));
        assertEquals("bucket=x", admin.passed.get().getQueryString(), "a global token names physical databases");
    }

    @Test
    void withoutTheTokenStoreProtectedPathsAre503AndOpenPathsStillAnswer() throws Exception {
        AuthFilter filter = filter(false);
        Exchange x = new Exchange();
        x.run(filter, "POST", "/api/v1/query", null, Map.of("Authorization", "Bearer " + ADMIN));
        assertEquals(503, x.status);
        assertNull(x.passed.get());
        assertTrue(x.body().contains("AUTH_UNAVAILABLE"));
        Exchange health = new Exchange();
        health.run(filter, "GET", "/api/v1/health", null, Map.of());
        assertNotNull(health.passed.get());
    }
}
