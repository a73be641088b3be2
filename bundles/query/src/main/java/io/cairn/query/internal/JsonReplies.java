package io.cairn.query.internal;

import com.fasterxml.jackson.core.JsonFactory;
import io.cairn.api.model.DatabaseName;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/** What the query bundle's servlets share: database selection and JSON replies in Cairn's shapes. */
final class JsonReplies {
    /** The header naming the database. */
    static final String DATABASE_HEADER = "X-Cairn-Database";

    private static final JsonFactory JSON = new JsonFactory();

    private JsonReplies() {
    }

    /**
     * Returns the database named by the header or the {@code db} parameter, else {@code default}.
     *
     * @throws QueryException 400 INVALID_DATABASE for a name that breaks {@link DatabaseName}'s rule
     */
    static String database(HttpServletRequest request) {
        String db = request.getHeader(DATABASE_HEADER);
        if (db == null || db.isBlank()) {
            db = request.getParameter("db");
        }
        db = db == null || db.isBlank() ? DatabaseName.DEFAULT : db.trim();
        if (!DatabaseName.isValid(db)) {
            throw new QueryException(400, "INVALID_DATABASE", DatabaseName.rule(), Map.of("field", "db"));
        }
        return db;
    }

    /** Returns a generator writing into memory, for a body sent whole by {@link #send}. */
    static JsonGenerator generator(ByteArrayOutputStream body) throws IOException {
        return JSON.createGenerator(body);
    }

    /** Sends a JSON body built in memory with its Content-Length, in one write. */
    static void send(HttpServletResponse response, int status, ByteArrayOutputStream body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.size());
        body.writeTo(response.getOutputStream());
    }

    /** Starts a JSON response with a status and returns its generator. */
    static JsonGenerator start(HttpServletResponse response, int status) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        return JSON.createGenerator(response.getOutputStream());
    }

    /** Writes a duration since {@code startedNanos} in milliseconds with one decimal, e.g. {@code 0.8}. */
    static void writeMillisSince(JsonGenerator g, String field, long startedNanos) throws IOException {
        long tenths = (System.nanoTime() - startedNanos + 50_000) / 100_000;
        g.writeFieldName(field);
        g.writeNumber(tenths / 10 + "." + tenths % 10);
    }

    /** Writes {@code {"error":{"code","message","details"}}}, with Retry-After for a 503. */
    static void error(HttpServletResponse response, QueryException e) throws IOException {
        if (e.status() == HttpServletResponse.SC_SERVICE_UNAVAILABLE) {
            response.setHeader("Retry-After", "1");
        }
        try (JsonGenerator g = start(response, e.status())) {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("code", e.code());
            g.writeStringField("message", e.getMessage());
            g.writeObjectFieldStart("details");
            for (Map.Entry<String, Object> d : e.details().entrySet()) {
                g.writeFieldName(d.getKey());
                if (d.getValue() instanceof Number n) {
                    g.writeNumber(n.longValue());
                } else {
                    g.writeString(String.valueOf(d.getValue()));
                }
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        }
    }
}
