package io.cairn.ingest.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.cairn.api.engine.WriteService;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles the body of a JSON write ({@code {"metrics":[{"name","timestamp","value","dimensions"}]}}):
 * streams it through Jackson's parser, validates each metric, writes the accepted ones as FLOAT
 * field {@code value} rows in one call to the {@link WriteService}, and says what happened.
 *
 * <p>Whole-request problems answer 400 (BATCH_TOO_LARGE, PAYLOAD_TOO_LARGE as the issue asks rather
 * than 413, INVALID_JSON with line and column, INVALID_REQUEST when there is no "metrics" array,
 * INVALID_ENCODING for a broken gzip body), 415 UNSUPPORTED_ENCODING, and 503 WAL_UNAVAILABLE
 * when the write-ahead log fails; nothing is written then. Otherwise 200 when every item was
 * accepted and 207 when any was rejected — also when all were (with {@code accepted} 0).
 */
final class WriteRequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(WriteRequestHandler.class);
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final MetricValidator validator;
    private final SeriesCatalog catalog;
    private final WriteService writes;
    private final int maxMetrics;
    private final long maxBodyBytes;

    WriteRequestHandler(MetricValidator validator, SeriesCatalog catalog, WriteService writes, int maxMetrics,
            long maxBodyBytes) {
        this.validator = validator;
        this.catalog = catalog;
        this.writes = writes;
        this.maxMetrics = maxMetrics;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Handles a request body for a database; {@code contentEncoding} may be null. */
    WriteResponse handle(String database, InputStream body, String contentEncoding) {
        return handle(database, WriteAccess.ALL, body, contentEncoding);
    }

    /**
     * Handles a request body, writing only the metrics the request may write: the others are rejected as
     * FORBIDDEN, and a request whose every metric is refused so answers 403.
     */
    WriteResponse handle(String database, WriteAccess access, InputStream body, String contentEncoding) {
        RequestBodies.Encoding encoding;
        try {
            encoding = RequestBodies.encoding(contentEncoding);
        } catch (RequestBodies.UnsupportedEncodingException e) {
            return WriteResponse.error(415, "UNSUPPORTED_ENCODING", e.getMessage(), Map.of("encoding", e.encoding()));
        }
        Parsed parsed;
        try (InputStream in = RequestBodies.open(body, encoding, maxBodyBytes);
                JsonParser parser = JSON.createParser(in)) {
            parsed = parse(parser, database, access);
        } catch (LimitedInputStream.TooLargeException e) {
            return WriteResponse.error(400, "PAYLOAD_TOO_LARGE", "the body is larger than " + maxBodyBytes
                    + " bytes" + (encoding.compressed() ? " after decompression" : ""), Map.of("maxBytes", maxBodyBytes));
        } catch (BatchTooLargeException e) {
            return WriteResponse.error(400, "BATCH_TOO_LARGE", "a write may hold at most " + maxMetrics + " metrics",
                    Map.of("maxMetrics", maxMetrics));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return WriteResponse.error(400, "INVALID_JSON", "malformed JSON: " + e.getOriginalMessage(),
                    Map.of("line", at == null ? 0 : at.getLineNr(), "column", at == null ? 0 : at.getColumnNr()));
        } catch (RequestShapeException e) {
            return WriteResponse.error(400, "INVALID_REQUEST", e.getMessage(), Map.of());
        } catch (IOException e) {
            return WriteResponse.error(400, encoding.compressed() ? "INVALID_ENCODING" : "INVALID_REQUEST",
                    "cannot read the body: " + e.getMessage(), Map.of());
        }
        if (parsed.accepted > 0) {
            try {
                List<WriteBatch> batches = new ArrayList<>(parsed.builders.size());
                parsed.builders.values().forEach(b -> batches.add(b.build()));
                writes.write(batches);
            } catch (RuntimeException e) {
                LOG.error("Write-ahead log unavailable; rejecting a write of {} metrics", parsed.accepted, e);
                return WriteResponse.error(503, "WAL_UNAVAILABLE", "the write-ahead log cannot take writes now",
                        Map.of());
            }
        }
        if (WriteAccess.everyItemForbidden(parsed.accepted, parsed.rejections, r -> r.error().code())) {
            return WriteResponse.error(403, ItemError.FORBIDDEN, "this token may not write any metric of this request",
                    Map.of("database", database, "rejected", parsed.rejections.size()));
        }
        return WriteResponse.result(parsed.accepted, parsed.rejections);
    }

    private static final class Parsed {
        final Map<String, WriteBatch.Builder> builders = new LinkedHashMap<>();
        final List<WriteResponse.Rejection> rejections = new ArrayList<>();
        int accepted;
    }

    private static final class BatchTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
    }

    private static final class RequestShapeException extends IOException {
        private static final long serialVersionUID = 1L;

        RequestShapeException(String message) {
            super(message);
        }
    }

    private Parsed parse(JsonParser p, String database, WriteAccess access) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new RequestShapeException("the body must be a JSON object with a \"metrics\" array");
        }
        Parsed parsed = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (field.equals("metrics") && t == JsonToken.START_ARRAY && parsed == null) {
                parsed = parseMetrics(p, database, access);
            } else if (field.equals("metrics")) {
                throw new RequestShapeException("\"metrics\" must be an array, given once");
            } else {
                p.skipChildren();
            }
        }
        if (p.nextToken() != null) {
            throw new RequestShapeException("unexpected content after the JSON object");
        }
        if (parsed == null) {
            throw new RequestShapeException("the body has no \"metrics\" array");
        }
        return parsed;
    }

    private Parsed parseMetrics(JsonParser p, String database, WriteAccess access) throws IOException {
        Parsed parsed = new Parsed();
        SeriesAdmission admission = new SeriesAdmission(catalog, database, validator.limits().maxSeriesPerMetric(),
                true, access);
        MetricItem item = new MetricItem();
        int index = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), index++) {
            if (index >= maxMetrics) {
                throw new BatchTooLargeException();
            }
            item.clear();
            ItemError error;
            if (t == JsonToken.START_OBJECT) {
                readItem(p, item);
                error = validator.validate(item);
            } else {
                p.skipChildren();
                error = new ItemError(ItemError.INVALID_METRIC_NAME, "a metric must be a JSON object");
            }
            Tags tags = null;
            if (error == null) {
                tags = tagsOf(item);
                error = admission.admit(item.nameText(), tags);
            }
            if (error != null) {
                parsed.rejections.add(new WriteResponse.Rejection(index, item.nameText(), error));
                continue;
            }
            WriteBatch.Builder builder = parsed.builders.computeIfAbsent(item.nameText(),
                    name -> WriteBatch.builder(database, name));
            int row = builder.addRow(tags, MetricValidator.timeNanos(item.timestamp));
            builder.setDouble(row, "value", ((Number) item.value).doubleValue());
            parsed.accepted++;
        }
        return parsed;
    }

    private static Tags tagsOf(MetricItem item) {
        if (item.dimensions.isEmpty()) {
            return Tags.EMPTY;
        }
        Map<String, String> tags = new TreeMap<>();
        item.dimensions.forEach((k, v) -> tags.put(k, (String) v));
        return Tags.of(tags);
    }

    private static void readItem(JsonParser p, MetricItem item) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "name" -> item.name = scalar(p, t);
                case "timestamp" -> item.timestamp = scalar(p, t);
                case "value" -> item.value = scalar(p, t);
                case "dimensions" -> readDimensions(p, t, item);
                default -> p.skipChildren();
            }
        }
    }

    private static Object scalar(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT, LONG -> p.getLongValue();
                default -> p.getDoubleValue();
            };
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_NULL -> null;
            default -> {
                p.skipChildren();
                yield MetricItem.OTHER;
            }
        };
    }

    private static void readDimensions(JsonParser p, JsonToken t, MetricItem item) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            item.dimensionsInvalid = true;
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            item.dimensions.put(key, v == JsonToken.VALUE_STRING ? p.getText() : MetricItem.OTHER);
            p.skipChildren();
        }
    }
}
