package io.cairn.ingest.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The status and JSON body of an answer to a write.
 *
 * @param status the HTTP status
 * @param body the JSON body
 */
record WriteResponse(int status, String body) {
    /** One rejected item of a write. */
    record Rejection(int index, String metric, ItemError error) {
    }

    private static final JsonFactory JSON = new JsonFactory();

    /** Writes the fields of one rejection inside its JSON object. */
    @FunctionalInterface
    private interface RejectionFields<T> {
        void write(JsonGenerator g, T rejection) throws IOException;
    }

    /** Returns 200 when nothing was rejected, else 207, with the counts and the rejections. */
    static WriteResponse result(int accepted, List<Rejection> rejections) {
        return counted(accepted, rejections, (g, r) -> {
            g.writeNumberField("index", r.index());
            g.writeStringField("metric", r.metric());
            g.writeStringField("code", r.error().code());
            g.writeStringField("error", r.error().message());
        });
    }

    /**
     * Returns the answer to a line protocol write: 200 when no line was rejected, else 207, with the
     * counts and {@code errors:[{"line","code","error"}]}.
     */
    static WriteResponse lineResult(int accepted, List<LineRejection> rejections) {
        return counted(accepted, rejections, (g, r) -> {
            g.writeNumberField("line", r.line());
            g.writeStringField("code", r.code());
            g.writeStringField("error", r.message());
        });
    }

    /**
     * Returns the answer to a MessagePack write: 200 when nothing was rejected, else 207, with the
     * counts and {@code errors:[{"index","row","code","error"}]} ({@code row} only for a row of a
     * columnar item).
     */
    static WriteResponse msgpackResult(int accepted, List<MsgpackRejection> rejections) {
        return counted(accepted, rejections, (g, r) -> {
            g.writeNumberField("index", r.index());
            if (r.row() >= 0) {
                g.writeNumberField("row", r.row());
            }
            g.writeStringField("code", r.code());
            g.writeStringField("error", r.message());
        });
    }

    private static <T> WriteResponse counted(int accepted, List<T> rejections, RejectionFields<T> fields) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("accepted", accepted);
            g.writeNumberField("rejected", rejections.size());
            g.writeArrayFieldStart("errors");
            for (T r : rejections) {
                g.writeStartObject();
                fields.write(g, r);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new WriteResponse(rejections.isEmpty() ? 200 : 207, out.toString());
    }

    /** Returns an error answer in Cairn's shape {@code {"error":{"code","message","details"}}}. */
    static WriteResponse error(int status, String code, String message, Map<String, ?> details) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("code", code);
            g.writeStringField("message", message);
            g.writeObjectFieldStart("details");
            for (Map.Entry<String, ?> d : details.entrySet()) {
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new WriteResponse(status, out.toString());
    }
}
