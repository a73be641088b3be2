package io.cairn.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantRequestTest {
    @Test
    void databaseAndBucketParametersAreMappedIntoTheTenant() {
        assertEquals("db=acme__metrics&precision=ms", TenantRequest.mapQuery("db=metrics&precision=ms", "acme"));
        assertEquals("org=x&bucket=acme__telegraf%2Fautogen", TenantRequest.mapQuery("org=x&bucket=telegraf%2Fautogen", "acme"));
        assertEquals("u=me&p=secret", TenantRequest.mapQuery("u=me&p=secret", "acme"));
        assertEquals("db=&x", TenantRequest.mapQuery("db=&x", "acme"));
        assertNull(TenantRequest.mapQuery(null, "acme"));
    }

    @Test
    void tenantIdsCannotReachAnotherTenantsDatabases() {
        assertTrue(Tenants.isValid("acme-eu-1"));
        assertFalse(Tenants.isValid("a_b"), "an underscore could forge the separator");
        assertFalse(Tenants.isValid("-a"));
        assertFalse(Tenants.isValid("a".repeat(33)));
        assertEquals("acme__default", Tenants.physical("acme", "default"));
    }

    /** A request as the container would hand it over: headers and a raw query string. */
    private static HttpServletRequest request(Map<String, String> headers, String query) {
        return (HttpServletRequest) Proxy.newProxyInstance(TenantRequestTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase((String) args[0]))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                    case "getHeaderNames" -> Collections.enumeration(headers.keySet());
                    case "getQueryString" -> query;
                    case "getParameterValues" -> {
                        String v = CredentialParser.queryParameter(query, (String) args[0]);
                        yield v == null ? null : new String[] {v};
                    }
                    case "getParameterMap" -> Map.of();
                    default -> null;
                });
    }

    @Test
    void theEndpointsSeeTheTenantsDatabaseWhereverItIsNamed() {
        HttpServletRequest byParameter = new TenantRequest(request(Map.of(), "db=metrics"), "acme");
        assertEquals("db=acme__metrics", byParameter.getQueryString());
        assertEquals("acme__metrics", byParameter.getParameter("db"));
        assertNull(byParameter.getHeader(TenantRequest.DATABASE_HEADER), "the header must not override the parameter");

        HttpServletRequest byHeader = new TenantRequest(request(Map.of("x-cairn-database", "metrics"), null), "acme");
        assertEquals("acme__metrics", byHeader.getHeader("X-Cairn-Database"));
        assertEquals(List.of("acme__metrics"), Collections.list(byHeader.getHeaders("X-CAIRN-DATABASE")));
        assertEquals(1, Collections.list(byHeader.getHeaderNames()).stream()
                .filter(n -> n.equalsIgnoreCase(TenantRequest.DATABASE_HEADER)).count());

        HttpServletRequest unnamed = new TenantRequest(request(Map.of("Content-Type", "application/json"), "precision=ms"), "acme");
        assertEquals("acme__default", unnamed.getHeader(TenantRequest.DATABASE_HEADER));
        assertEquals("precision=ms", unnamed.getQueryString());
        assertEquals("application/json", unnamed.getHeader("content-type"));
    }
}
