package io.cairn.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's request as the endpoints see it: every database it names (the {@code db} and
 * {@code bucket} query parameters, the {@code X-Cairn-Database} header) becomes
 * {@code <tenant>__<db>}, and a request naming none gets {@code <tenant>__default}.
 */
final class TenantRequest extends HttpServletRequestWrapper {
    /** The header naming the database on Cairn's own endpoints. */
    static final String DATABASE_HEADER = "X-Cairn-Database";
    private static final List<String> DATABASE_PARAMETERS = List.of("db", "bucket");

    private final String tenant;
    private final String query;
    private final String databaseHeader;

    TenantRequest(HttpServletRequest request, String tenant) {
        super(request);
        this.tenant = tenant;
        this.query = mapQuery(request.getQueryString(), tenant);
        String header = request.getHeader(DATABASE_HEADER);
        String db = CredentialParser.queryParameter(request.getQueryString(), "db");
        if (header != null && !header.isBlank()) {
            databaseHeader = Tenants.physical(tenant, header.trim());
        } else if (db == null || db.isEmpty()) {
            databaseHeader = Tenants.physical(tenant, "default");
        } else {
            databaseHeader = null;
        }
    }

    /** Returns a raw query string with each {@code db} and {@code bucket} value mapped into the tenant. */
    static String mapQuery(String rawQuery, String tenant) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return rawQuery;
        }
        List<String> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (eq > 0 && eq < pair.length() - 1 && DATABASE_PARAMETERS.contains(name)) {
                String value;
                try {
                    value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException badEscape) {
                    value = "\u0000";
                }
                pair = name + "=" + URLEncoder.encode(Tenants.physical(tenant, value), StandardCharsets.UTF_8);
            }
            pairs.add(pair);
        }
        return String.join("&", pairs);
    }

    @Override
    public String getQueryString() {
        return query;
    }

    @Override
    public String getHeader(String name) {
        if (DATABASE_HEADER.equalsIgnoreCase(name)) {
            return databaseHeader;
        }
        return super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if (DATABASE_HEADER.equalsIgnoreCase(name)) {
            return Collections.enumeration(databaseHeader == null ? List.of() : List.of(databaseHeader));
        }
        return super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = new ArrayList<>();
        for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements();) {
            String n = e.nextElement();
            if (!DATABASE_HEADER.equalsIgnoreCase(n)) {
                names.add(n);
            }
        }
        if (databaseHeader != null) {
            names.add(DATABASE_HEADER);
        }
        return Collections.enumeration(names);
    }

    @Override
    public String getParameter(String name) {
        String[] values = getParameterValues(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public String[] getParameterValues(String name) {
        String[] values = super.getParameterValues(name);
        if (values == null || !DATABASE_PARAMETERS.contains(name)) {
            return values;
        }
        String[] mapped = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            mapped[i] = values[i].isEmpty() ? values[i] : Tenants.physical(tenant, values[i]);
        }
        return mapped;
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        Map<String, String[]> map = new LinkedHashMap<>(super.getParameterMap());
        for (String name : DATABASE_PARAMETERS) {
            if (map.containsKey(name)) {
                map.put(name, getParameterValues(name));
            }
        }
        return Collections.unmodifiableMap(map);
    }
}
