package io.cairn.query.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cairn.api.model.Tags;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a {@link QueryResult} as the dashboard JSON response:
 * {@code {"queryType","results":[...],"executionTimeMs"}} plus {@code "truncated":true} and a
 * {@code "message"} when results were cut off. Times are epoch milliseconds; a group without a
 * group-by dimension has that key absent from its {@code groupKey}.
 */
final class QueryResultWriter {
    private static final JsonFactory JSON = new JsonFactory();

    private QueryResultWriter() {
    }

    /** Writes the response for a query's result. */
    static void write(OutputStream out, DashboardQuery query, QueryResult result, long executionTimeMs)
            throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("queryType", query.type().jsonName());
            g.writeArrayFieldStart("results");
            boolean counts = query.aggregation() == AggregationKind.COUNT;
            if (result instanceof QueryResult.RangeRows r) {
                writeRows(g, r);
            } else if (result instanceof QueryResult.GroupValues r) {
                writeValues(g, r, counts);
            } else if (result instanceof QueryResult.GroupSeriesList r) {
                writeSeries(g, r, counts);
            }
            g.writeEndArray();
            g.writeNumberField("executionTimeMs", executionTimeMs);
            if (result.truncationMessage() != null) {
                g.writeBooleanField("truncated", true);
                g.writeStringField("message", result.truncationMessage());
            }
            g.writeEndObject();
        }
    }

    private static void writeRows(JsonGenerator g, QueryResult.RangeRows r) throws IOException {
        for (QueryResult.RangeRow row : r.rows()) {
            g.writeStartObject();
            g.writeNumberField("timestamp", Math.floorDiv(row.timeNanos(), 1_000_000L));
            g.writeFieldName("value");
            Object value = row.value();
            if (value instanceof Double d) {
                writeDouble(g, d);
            } else if (value instanceof Long l) {
                g.writeNumber(l);
            } else if (value instanceof Boolean b) {
                g.writeBoolean(b);
            } else if (value == null) {
                g.writeNull();
            } else {
                g.writeString(value.toString());
            }
            g.writeFieldName("dimensions");
            writeTags(g, row.dimensions());
            g.writeEndObject();
        }
    }

    private static void writeValues(JsonGenerator g, QueryResult.GroupValues r, boolean counts) throws IOException {
        for (QueryResult.GroupValue v : r.groups()) {
            g.writeStartObject();
            g.writeFieldName("groupKey");
            writeTags(g, v.groupKey());
            g.writeFieldName("value");
            writeValue(g, v.value(), counts);
            g.writeNumberField("count", v.count());
            g.writeEndObject();
        }
    }

    private static void writeSeries(JsonGenerator g, QueryResult.GroupSeriesList r, boolean counts) throws IOException {
        for (QueryResult.GroupSeries s : r.groups()) {
            g.writeStartObject();
            g.writeFieldName("groupKey");
            writeTags(g, s.groupKey());
            g.writeArrayFieldStart("points");
            for (int i = 0; i < s.timesNanos().length; i++) {
                g.writeStartArray();
                g.writeNumber(Math.floorDiv(s.timesNanos()[i], 1_000_000L));
                writeValue(g, s.values()[i], counts);
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void writeValue(JsonGenerator g, double v, boolean asCount) throws IOException {
        if (asCount) {
            g.writeNumber((long) v);
        } else {
            writeDouble(g, v);
        }
    }

    private static void writeDouble(JsonGenerator g, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumber(v);
        } else {
            g.writeNull();
        }
    }

    /** Writes tags as a JSON object. */
    static void writeTags(JsonGenerator g, Tags tags) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < tags.size(); i++) {
            g.writeStringField(tags.key(i), tags.value(i));
        }
        g.writeEndObject();
    }
}
