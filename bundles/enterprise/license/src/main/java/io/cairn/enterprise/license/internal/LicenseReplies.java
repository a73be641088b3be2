package io.cairn.enterprise.license.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON replies of the license bundle: the license status and Cairn's error shape. */
final class LicenseReplies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LicenseReplies() {
    }

    static void reply(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body);
    }

    static void error(HttpServletResponse response, int status, String code, String message) throws IOException {
        reply(response, status, Map.of("error", Map.of("code", code, "message", message, "details", Map.of())));
    }

    /** The status as {@code GET /api/v1/license} shows it. */
    static Map<String, Object> describe(LicenseStatus status) {
        Map<String, Object> d = new LinkedHashMap<>();
        License license = status.license();
        d.put("valid", status.valid());
        d.put("edition", status.valid() ? "enterprise" : "open");
        d.put("phase", status.phase().label());
        d.put("writes_allowed", status.writesAllowed());
        if (license != null) {
            d.put("id", license.id());
            d.put("customer", license.customer());
            d.put("tier", license.tier());
            d.put("features", license.features());
            d.put("max_cores", license.maxCores());
            d.put("max_nodes", license.maxNodes());
            d.put("issued", license.issued().toString());
            d.put("expires", license.expires().toString());
            d.put("days_remaining", status.daysRemaining());
        } else {
            d.put("features", List.of());
        }
        if (status.errorCode() != null) {
            d.put("error", Map.of("code", status.errorCode(), "message", status.error()));
        }
        d.put("warnings", status.warnings());
        return d;
    }
}
