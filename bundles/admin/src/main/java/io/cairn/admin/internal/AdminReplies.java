package io.cairn.admin.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;

/** What the admin servlets share: the loopback rule and JSON replies in Cairn's shapes. */
final class AdminReplies {
    static final ObjectMapper JSON = new ObjectMapper();

    private AdminReplies() {
    }

    /**
     * Returns whether the request may use the admin API, answering 403 ADMIN_LOOPBACK_ONLY when not:
     * until tokens exist, admin endpoints answer only on the loopback interface.
     */
    static boolean allowed(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String address = request.getRemoteAddr();
        boolean loopback;
        try {
            loopback = address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (IOException e) {
            loopback = false;
        }
        if (!loopback) {
            error(response, 403, "ADMIN_LOOPBACK_ONLY", "the admin API answers only on the loopback interface");
        }
        return loopback;
    }

    /** Writes a JSON body with a status. */
    static void reply(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body);
    }

    /** Writes {@code {"error":{"code","message","details"}}}. */
    static void error(HttpServletResponse response, int status, String code, String message) throws IOException {
        reply(response, status, Map.of("error", Map.of("code", code, "message", message, "details", Map.of())));
    }
}
