package io.cairn.security.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * Writes refusals in the shape the client of a path understands: Cairn's
 * {@code {"error":{"code","message","details"}}}, InfluxDB 1.x's {@code {"error":"..."}} on
 * {@code /write} and {@code /query}, InfluxDB 2.x's {@code {"code","message"}} under {@code /api/v2}.
 */
final class ErrorReplies {
    private static final JsonFactory JSON = new JsonFactory();

    private ErrorReplies() {
    }

    /** Sends a gate's refusal for a path. */
    static void refuse(HttpServletResponse response, String path, Decision d) throws IOException {
        // the unread request body is not drained for an unauthenticated client: close the connection instead
        response.setHeader("Connection", "close");
        if (d.status() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"cairn\"");
        }
        if (d.retryAfterSeconds() > 0) {
            response.setHeader("Retry-After", Long.toString(d.retryAfterSeconds()));
        }
        if (path.equals("/write") || path.equals("/query")) {
            try (JsonGenerator g = start(response, d.status())) {
                g.writeStartObject();
                g.writeStringField("error", d.message());
                g.writeEndObject();
            }
        } else if (path.startsWith("/api/v2/")) {
            try (JsonGenerator g = start(response, d.status())) {
                g.writeStartObject();
                g.writeStringField("code", influx2Code(d.status()));
                g.writeStringField("message", d.message());
                g.writeEndObject();
            }
        } else {
            Map<String, Object> details = d.retryAfterSeconds() > 0
                    ? Map.of("retryAfterSeconds", d.retryAfterSeconds()) : Map.of();
            cairn(response, d.status(), d.code(), d.message(), details);
        }
    }

    /** Writes Cairn's error shape. */
    static void cairn(HttpServletResponse response, int status, String code, String message, Map<String, Object> details)
            throws IOException {
        try (JsonGenerator g = start(response, status)) {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("code", code);
            g.writeStringField("message", message);
            g.writeObjectFieldStart("details");
            for (Map.Entry<String, Object> e : details.entrySet()) {
                g.writeFieldName(e.getKey());
                if (e.getValue() instanceof Number n) {
                    g.writeNumber(n.longValue());
                } else {
                    g.writeString(String.valueOf(e.getValue()));
                }
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    private static String influx2Code(int status) {
        return switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 429 -> "too many requests";
            default -> "invalid";
        };
    }

    private static JsonGenerator start(HttpServletResponse response, int status) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        return JSON.createGenerator(response.getOutputStream());
    }
}
