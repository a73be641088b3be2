package io.cairn.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.api.engine.WriteService;
import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.TimeSeriesStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class WriteRequestHandlerTest {
    private static final long NOW = Instant.parse("2026-06-01T12:00:00Z").toEpochMilli();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<WriteBatch> written = new ArrayList<>();
    private final RecordingStore store = new RecordingStore();
    private TimeSeriesStore bound;
    private final Set<Tags> pending = new HashSet<>();
    private boolean walDown;

    private final WriteService writes = new WriteService() {
        @Override
        public void write(Collection<WriteBatch> batches) {
            if (walDown) {
                throw new UncheckedIOException(new IOException("disk full"));
            }
            written.addAll(batches);
        }
    };

    private final SeriesCatalog catalog = new SeriesCatalog() {
        @Override
        public TimeSeriesStore store() {
            return bound;
        }

        @Override
        public Set<Tags> pendingSeries(String database, String measurement) {
            return pending;
        }
    };

    private WriteRequestHandler handler(ValidationLimits limits, int maxMetrics, long maxBytes) {
        return new WriteRequestHandler(new MetricValidator(limits, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC)),
                catalog, writes, maxMetrics, maxBytes);
    }

    private WriteResponse post(String json) {
        return handler(ValidationLimits.defaults(), 10_000, 10 << 20)
                .handle("db", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), null);
    }

    private static String metric(String name, Object timestamp, Object value, String dimensions) {
        return "{\"name\":" + name + ",\"timestamp\":" + timestamp + ",\"value\":" + value + ",\"dimensions\":" + dimensions + "}";
    }

    private static String body(String... metrics) {
        return "{\"metrics\":[" + String.join(",", metrics) + "]}";
    }

    private static JsonNode json(WriteResponse r) throws IOException {
        return MAPPER.readTree(r.body());
    }

    private int rowsWritten() {
        return written.stream().mapToInt(WriteBatch::size).sum();
    }

    @Test
    void validMetricsAreWrittenAsFloatValueRowsWithTags() throws IOException {
        WriteResponse r = post(body(
                metric("\"cpu\"", NOW, 1.5, "{\"host\":\"a\",\"dc\":\"x\"}"),
                metric("\"cpu\"", "\"2026-06-01T11:00:00Z\"", 2, "{\"host\":\"b\"}"),
                metric("\"mem\"", NOW - 1, 7, "null")));
        assertEquals(200, r.status());
        assertEquals(3, json(r).get("accepted").asInt());
        assertEquals(0, json(r).get("rejected").asInt());
        assertEquals(0, json(r).get("errors").size());
        assertEquals(2, written.size());
        WriteBatch cpu = written.get(0);
        assertEquals("db", cpu.database());
        assertEquals("cpu", cpu.measurement());
        assertEquals(Tags.of("host", "a", "dc", "x"), cpu.tags(0));
        assertEquals(NOW * 1_000_000L, cpu.time(0));
        assertEquals(Instant.parse("2026-06-01T11:00:00Z").toEpochMilli() * 1_000_000L, cpu.time(1));
        assertEquals(FieldType.FLOAT, cpu.fields().get(0).type());
        assertEquals("value", cpu.fields().get(0).name());
        assertEquals(2.0, cpu.fields().get(0).doubleAt(1));
        assertEquals(Tags.EMPTY, written.get(1).tags(0));
    }

    @Test
    void rejectedItemsAreReportedWithIndexAndCodeAndTheRestIsWritten() throws IOException {
        WriteResponse r = post(body(
                metric("\"ok\"", NOW, 1, "{}"),
                metric("\"bad-name\"", NOW, 1, "{}"),
                metric("\"old\"", NOW - 8L * 24 * 3600 * 1000, 1, "{}"),
                metric("\"nan\"", NOW, "NaN", "{}"),
                metric("\"dims\"", NOW, 1, "{\"k\":5}"),
                "42",
                metric("\"ok2\"", NOW, -1, "{}")));
        assertEquals(207, r.status());
        JsonNode j = json(r);
        assertEquals(2, j.get("accepted").asInt());
        assertEquals(5, j.get("rejected").asInt());
        List<String> seen = new ArrayList<>();
        for (JsonNode e : j.get("errors")) {
            seen.add(e.get("index").asInt() + ":" + e.get("metric").asText() + ":" + e.get("code").asText());
            assertTrue(e.get("error").asText().length() > 0);
        }
        assertEquals(List.of("1:bad-name:INVALID_METRIC_NAME", "2:old:INVALID_TIMESTAMP", "3:nan:INVALID_VALUE",
                "4:dims:DIMENSION_LIMIT_EXCEEDED", "5:null:INVALID_METRIC_NAME"), seen);
        assertEquals(2, rowsWritten());
        assertEquals(Set.of("ok", "ok2"), Set.of(written.get(0).measurement(), written.get(1).measurement()));
    }

    @Test
    void allRejectedIs207WithNothingAcceptedAndNothingWritten() throws IOException {
        WriteResponse r = post(body(metric("\"x\"", NOW, "\"high\"", "{}")));
        assertEquals(207, r.status());
        assertEquals(0, json(r).get("accepted").asInt());
        assertEquals("INVALID_VALUE", json(r).get("errors").get(0).get("code").asText());
        assertTrue(written.isEmpty());
    }

    @Test
    void emptyMetricsArrayIsAccepted() throws IOException {
        WriteResponse r = post("{\"metrics\":[], \"other\": {\"nested\": [1,2]}}");
        assertEquals(200, r.status());
        assertEquals(0, json(r).get("accepted").asInt());
    }

    @Test
    void moreMetricsThanTheLimitRejectTheWholeBatch() throws IOException {
        String three = body(metric("\"a\"", NOW, 1, "{}"), metric("\"a\"", NOW, 2, "{}"), metric("\"a\"", NOW, 3, "{}"));
        WriteRequestHandler h = handler(ValidationLimits.defaults(), 2, 1 << 20);
        WriteResponse r = h.handle("db", new ByteArrayInputStream(three.getBytes(StandardCharsets.UTF_8)), null);
        assertEquals(400, r.status());
        assertEquals("BATCH_TOO_LARGE", json(r).get("error").get("code").asText());
        assertTrue(written.isEmpty());
        WriteRequestHandler enough = handler(ValidationLimits.defaults(), 3, 1 << 20);
        assertEquals(200, enough.handle("db", new ByteArrayInputStream(three.getBytes(StandardCharsets.UTF_8)), null).status());
    }

    @Test
    void tenThousandAndOneMetricsAreTooMany() throws IOException {
        List<String> metrics = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            metrics.add(metric("\"m\"", NOW, i, "{}"));
        }
        assertEquals("BATCH_TOO_LARGE", json(post(body(metrics.toArray(String[]::new)))).get("error").get("code").asText());
        metrics.remove(0);
        assertEquals(200, post(body(metrics.toArray(String[]::new))).status());
        assertEquals(10_000, rowsWritten());
    }

    @Test
    void aBodyOverTheLimitIsRejectedAlsoAfterDecompression() throws IOException {
        StringBuilder padded = new StringBuilder("{\"metrics\":[" + metric("\"a\"", NOW, 1, "{}") + "], \"pad\":\"");
        padded.append(" ".repeat(5000)).append("\"}");
        byte[] gz = gzip(padded.toString());
        assertTrue(gz.length < 1000);
        WriteRequestHandler h = handler(ValidationLimits.defaults(), 100, 1000);
        WriteResponse r = h.handle("db", new ByteArrayInputStream(gz), "gzip");
        assertEquals(400, r.status());
        assertEquals("PAYLOAD_TOO_LARGE", json(r).get("error").get("code").asText());
        assertTrue(written.isEmpty());
    }

    @Test
    void gzipBodiesAreAccepted() throws IOException {
        WriteResponse r = handler(ValidationLimits.defaults(), 100, 1 << 20)
                .handle("db", new ByteArrayInputStream(gzip(body(metric("\"a\"", NOW, 1, "{}")))), "gzip");
        assertEquals(200, r.status());
        assertEquals(1, rowsWritten());
    }

    @Test
    void brokenGzipAndUnknownEncodingsAreClientErrors() throws IOException {
        WriteRequestHandler h = handler(ValidationLimits.defaults(), 100, 1 << 20);
        WriteResponse r = h.handle("db", new ByteArrayInputStream("not gzip".getBytes(StandardCharsets.UTF_8)), "gzip");
        assertEquals(400, r.status());
        assertEquals("INVALID_ENCODING", json(r).get("error").get("code").asText());
        assertEquals(415, h.handle("db", new ByteArrayInputStream(new byte[0]), "br").status());
    }

    @Test
    void malformedJsonNamesLineAndColumn() throws IOException {
        WriteResponse r = post("{\"metrics\":[\n  {\"name\": \"a\",, }]}");
        assertEquals(400, r.status());
        JsonNode error = json(r).get("error");
        assertEquals("INVALID_JSON", error.get("code").asText());
        assertEquals(2, error.get("details").get("line").asInt());
        assertTrue(error.get("details").get("column").asInt() > 1);
        assertEquals("INVALID_JSON", json(post("{\"metrics\":[" + metric("\"a\"", NOW, 1, "{}"))).get("error").get("code").asText());
        assertTrue(written.isEmpty());
    }

    @Test
    void aBodyWithoutAMetricsArrayIsAnInvalidRequest() throws IOException {
        for (String bad : new String[] {"{}", "[]", "{\"metrics\":{}}", "{\"metrics\":[]} trailing", ""}) {
            WriteResponse r = post(bad);
            assertEquals(400, r.status(), bad);
            String code = json(r).get("error").get("code").asText();
            assertTrue(code.equals("INVALID_REQUEST") || code.equals("INVALID_JSON"), bad + " gave " + code);
        }
    }

    @Test
    void walFailureIs503() throws IOException {
        walDown = true;
        WriteResponse r = post(body(metric("\"a\"", NOW, 1, "{}")));
        assertEquals(503, r.status());
        assertEquals("WAL_UNAVAILABLE", json(r).get("error").get("code").asText());
    }

    @Test
    void cardinalityCountsStoredPendingAndNewSeries() throws IOException {
        bound = store;
        WriteBatch.Builder b = WriteBatch.builder("db", "m");
        b.setDouble(b.addRow(Tags.of("h", "stored"), NOW * 1_000_000L), "value", 1);
        store.write(b.build());
        pending.add(Tags.of("h", "pending"));
        WriteRequestHandler h = handler(new ValidationLimits(256, 7L * 24 * 3600 * 1000, 3600 * 1000, 20, 128, 256, 3),
                100, 1 << 20);
        String json = body(
                metric("\"m\"", NOW, 1, "{\"h\":\"stored\"}"),
                metric("\"m\"", NOW, 1, "{\"h\":\"pending\"}"),
                metric("\"m\"", NOW, 1, "{\"h\":\"new1\"}"),
                metric("\"m\"", NOW, 2, "{\"h\":\"new1\"}"),
                metric("\"m\"", NOW, 1, "{\"h\":\"new2\"}"),
                metric("\"other\"", NOW, 1, "{\"h\":\"new2\"}"));
        WriteResponse r = h.handle("db", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), null);
        assertEquals(207, r.status());
        JsonNode errors = json(r).get("errors");
        assertEquals(1, errors.size());
        assertEquals(4, errors.get(0).get("index").asInt());
        assertEquals("CARDINALITY_EXCEEDED", errors.get(0).get("code").asText());
        assertEquals(5, json(r).get("accepted").asInt());
    }

    @Test
    void withoutAStoreCardinalityIsNotLimited() throws IOException {
        WriteRequestHandler h = handler(new ValidationLimits(256, 7L * 24 * 3600 * 1000, 3600 * 1000, 20, 128, 256, 1),
                100, 1 << 20);
        String json = body(metric("\"m\"", NOW, 1, "{\"h\":\"a\"}"), metric("\"m\"", NOW, 1, "{\"h\":\"b\"}"));
        assertEquals(200, h.handle("db", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), null).status());
    }

    @Test
    void aStoredNonFloatValueFieldIsATypeConflict() throws IOException {
        bound = store;
        store.defineField("db", "counter", "value", FieldType.INTEGER);
        WriteResponse r = post(body(metric("\"counter\"", NOW, 1, "{}"), metric("\"gauge\"", NOW, 1, "{}")));
        assertEquals(207, r.status());
        assertEquals("FIELD_TYPE_CONFLICT", json(r).get("errors").get(0).get("code").asText());
        assertEquals(0, json(r).get("errors").get(0).get("index").asInt());
        assertEquals(1, rowsWritten());
        assertEquals("gauge", written.get(0).measurement());
    }

    private static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
