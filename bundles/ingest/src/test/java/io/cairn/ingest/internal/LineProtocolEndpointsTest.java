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
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The line protocol endpoints, /ping and /health, driven through request and response stand-ins. */
class LineProtocolEndpointsTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<WriteBatch> written = new ArrayList<>();
    private final RecordingStore store = new RecordingStore();
    private TimeSeriesStore bound;
    private final Set<Tags> pending = new HashSet<>();
    private boolean walDown;
    private long maxSeries = 1_000_000;
    private long maxBytes = 1 << 20;

    private final WriteService writes = batches -> {
        if (walDown) {
            throw new UncheckedIOException(new IOException("disk full"));
        }
        written.addAll(batches);
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

    private final Map<String, String> headers = new HashMap<>();
    private int status;
    private StringWriter body;

    private LineProtocolWriter writer() {
        ValidationLimits limits = new ValidationLimits(256, 0, 0, 64, 256, 1024, maxSeries);
        return new LineProtocolWriter(writes, catalog, limits, maxBytes, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void call(HttpServlet servlet, String method, String query, Map<String, String> requestHeaders,
            byte[] content) throws Exception {
        ByteArrayInputStream bytes = new ByteArrayInputStream(content);
        ServletInputStream in = new ServletInputStream() {
            @Override
            public boolean isFinished() {
                return bytes.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
            }

            @Override
            public int read() {
                return bytes.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return bytes.read(b, off, len);
            }
        };
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getQueryString" -> query;
                    case "getHeader" -> requestHeaders.get((String) args[0]);
                    case "getInputStream" -> in;
                    default -> null;
                });
        headers.clear();
        status = 0;
        body = new StringWriter();
        PrintWriter out = new PrintWriter(body);
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "setStatus" -> status = (Integer) args[0];
                        case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                        case "getWriter" -> {
                            return out;
                        }
                        default -> {
                        }
                    }
                    return null;
                });
        servlet.service(request, response);
        out.flush();
    }

    private void post(HttpServlet servlet, String query, String lines) throws Exception {
        call(servlet, "POST", query, Map.of(), lines.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode json() throws IOException {
        return MAPPER.readTree(body.toString());
    }

    private int rows() {
        return written.stream().mapToInt(WriteBatch::size).sum();
    }

    private static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void v1WriteAnswers204AndWritesWithPrecision() throws Exception {
        post(new InfluxV1WriteServlet(writer()), "db=telegraf&rp=autogen&precision=s", "cpu,host=a usage=1.5 1700000000\n");
        assertEquals(204, status);
        assertEquals("", body.toString());
        assertEquals("1.8.10-cairn", headers.get("X-Influxdb-Version"));
        assertEquals("telegraf", written.get(0).database());
        assertEquals(1_700_000_000_000_000_000L, written.get(0).time(0));
    }

    @Test
    void v1PartialWriteIs400WithDroppedCountAndTheGoodLinesWritten() throws Exception {
        post(new InfluxV1WriteServlet(writer()), "db=d", "m f=1 1\nm f= 2\nm f=3 3\nm,t=x\n");
        assertEquals(400, status);
        String error = json().get("error").asText();
        assertTrue(error.startsWith("partial write: line 2: "), error);
        assertTrue(error.contains("line 4: missing fields"), error);
        assertTrue(error.endsWith(" dropped=2"), error);
        assertEquals(2, rows());
    }

    @Test
    void v1RequestProblems() throws Exception {
        InfluxV1WriteServlet servlet = new InfluxV1WriteServlet(writer());
        post(servlet, null, "m f=1");
        assertEquals(400, status);
        assertEquals("database is required", json().get("error").asText());
        post(servlet, "db=bad/name", "m f=1");
        assertEquals(400, status);
        post(servlet, "db=d&precision=fortnight", "m f=1");
        assertEquals(400, status);
        assertTrue(json().get("error").asText().contains("precision"));
        call(servlet, "GET", "db=d", Map.of(), new byte[0]);
        assertEquals(405, status);
        call(servlet, "POST", "db=d", Map.of("Content-Encoding", "br"), new byte[1]);
        assertEquals(415, status);
        maxBytes = 10;
        post(new InfluxV1WriteServlet(writer()), "db=d", "m f=1 1\nm f=2 2\n");
        assertEquals(413, status);
        assertTrue(json().get("error").asText().contains("larger than 10 bytes"));
        assertEquals(0, rows());
    }

    @Test
    void v1WalFailureIs503WithRetryAfter() throws Exception {
        walDown = true;
        post(new InfluxV1WriteServlet(writer()), "db=d", "m f=1");
        assertEquals(503, status);
        assertEquals("1", headers.get("Retry-After"));
        assertTrue(json().has("error"));
    }

    @Test
    void v2WriteAnswers204AndTakesGzip() throws Exception {
        call(new InfluxV2WriteServlet(writer()), "POST", "org=o&bucket=metrics&precision=ms",
                Map.of("Content-Encoding", "gzip"), gzip("m,h=a f=1i 1700000000000\nm,h=b f=2i\n"));
        assertEquals(204, status);
        assertEquals(2, rows());
        assertEquals("metrics", written.get(0).database());
        assertEquals(1_700_000_000_000_000_000L, written.get(0).time(0));
        assertEquals(NOW.getEpochSecond() * 1_000_000_000L, written.get(0).time(1));
    }

    @Test
    void v1WriteTakesZstd() throws Exception {
        byte[] lines = "m,h=a f=1i 1700000000000\nm,h=b f=2i 1700000001000\n".getBytes(StandardCharsets.UTF_8);
        call(new InfluxV1WriteServlet(writer()), "POST", "db=z&precision=ms", Map.of("Content-Encoding", "zstd"),
                com.github.luben.zstd.Zstd.compress(lines));
        assertEquals(204, status);
        assertEquals(2, rows());
        assertEquals(1_700_000_001_000_000_000L, written.get(0).time(1));
        call(new InfluxV1WriteServlet(writer()), "POST", "db=z", Map.of("Content-Encoding", "zstd"), lines);
        assertEquals(400, status);
        assertEquals(2, rows());
    }

    @Test
    void v2RejectedLinesAre400InvalidListingLineNumbers() throws Exception {
        post(new InfluxV2WriteServlet(writer()), "bucket=db/autogen", "m f=1\nm f=1i\nm f=tru\n");
        assertEquals(400, status);
        JsonNode j = json();
        assertEquals("invalid", j.get("code").asText());
        String message = j.get("message").asText();
        assertTrue(message.contains("2 line(s) rejected, 1 written"), message);
        assertTrue(message.contains("line 2: field 'f' of measurement 'm' is FLOAT in an earlier line"), message);
        assertTrue(message.contains("line 3: "), message);
        assertEquals("db", written.get(0).database());
        assertEquals(1, rows());
    }

    @Test
    void v2RequestProblems() throws Exception {
        InfluxV2WriteServlet servlet = new InfluxV2WriteServlet(writer());
        post(servlet, "org=o", "m f=1");
        assertEquals(400, status);
        assertEquals("invalid", json().get("code").asText());
        call(servlet, "POST", "bucket=b", Map.of("Content-Encoding", "gzip"), "not gzip".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, status);
        assertEquals("invalid", json().get("code").asText());
        maxBytes = 4;
        post(new InfluxV2WriteServlet(writer()), "bucket=b", "m f=1 1");
        assertEquals(413, status);
        assertEquals("request too large", json().get("code").asText());
    }

    @Test
    void cairnEndpointAnswers200Or207WithLineErrors() throws Exception {
        LineProtocolWriteServlet servlet = new LineProtocolWriteServlet(writer());
        call(servlet, "POST", "db=ignored", Map.of("X-Cairn-Database", "mine"),
                "m f=1 1\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, status);
        assertEquals(1, json().get("accepted").asInt());
        assertEquals("mine", written.get(0).database());
        post(servlet, "precision=us", "m f=1 1\n\nm f=\"x\n");
        assertEquals(207, status);
        JsonNode j = json();
        assertEquals(1, j.get("accepted").asInt());
        assertEquals(1, j.get("rejected").asInt());
        assertEquals(3, j.get("errors").get(0).get("line").asInt());
        assertEquals("INVALID_LINE", j.get("errors").get(0).get("code").asText());
        assertTrue(j.get("errors").get(0).get("error").asText().contains("unterminated string"));
        assertEquals("default", written.get(1).database());
        assertEquals(1_000L, written.get(1).time(0));
    }

    @Test
    void cairnEndpointRequestProblemsUseCairnErrorShape() throws Exception {
        LineProtocolWriteServlet servlet = new LineProtocolWriteServlet(writer());
        call(servlet, "POST", null, Map.of("X-Cairn-Database", ".bad"), new byte[0]);
        assertEquals(400, status);
        assertEquals("INVALID_DATABASE", json().get("error").get("code").asText());
        post(servlet, "precision=x", "m f=1");
        assertEquals("INVALID_PRECISION", json().get("error").get("code").asText());
        call(servlet, "PUT", null, Map.of(), new byte[0]);
        assertEquals(405, status);
        walDown = true;
        post(servlet, null, "m f=1");
        assertEquals(503, status);
        assertEquals("WAL_UNAVAILABLE", json().get("error").get("code").asText());
    }

    @Test
    void storedFieldTypesRejectConflictingLinesNeverCoerced() throws Exception {
        bound = store;
        WriteBatch.Builder existing = WriteBatch.builder("d", "m");
        existing.setLong(existing.addRow(Tags.EMPTY, 1), "f", 1);
        store.write(existing.build());
        post(new LineProtocolWriteServlet(writer()), "db=d", "m f=1.5 2\nm f=2i 3\nm g=true 4\n");
        assertEquals(207, status);
        JsonNode error = json().get("errors").get(0);
        assertEquals(1, error.get("line").asInt());
        assertEquals("FIELD_TYPE_CONFLICT", error.get("code").asText());
        assertTrue(error.get("error").asText().contains("stored as INTEGER, not FLOAT"));
        assertEquals(2, rows());
        assertEquals(FieldType.INTEGER, written.get(0).fields().get(0).type());
    }

    @Test
    void theSeriesLimitOfTheJsonWriteAppliesPerMeasurement() throws Exception {
        bound = store;
        maxSeries = 2;
        post(new InfluxV1WriteServlet(writer()), "db=d", "m,h=a f=1\nm,h=b f=1\nm,h=c f=1\nm,h=a f=2\nn,h=c f=1\n");
        assertEquals(400, status);
        String error = json().get("error").asText();
        assertTrue(error.contains("line 3: metric m already has 2 series"), error);
        assertTrue(error.endsWith("dropped=1"), error);
        assertEquals(4, rows());
    }

    @Test
    void pingAnswers204WithInfluxHeaders() throws Exception {
        for (String method : List.of("GET", "HEAD")) {
            call(new InfluxPingServlet(), method, null, Map.of(), new byte[0]);
            assertEquals(204, status);
            assertEquals("1.8.10-cairn", headers.get("X-Influxdb-Version"));
            assertEquals("OSS", headers.get("X-Influxdb-Build"));
        }
        call(new InfluxPingServlet(), "POST", null, Map.of(), new byte[0]);
        assertEquals(405, status);
    }

    @Test
    void healthAnswersAsInfluxDb2() throws Exception {
        call(new InfluxHealthServlet(), "GET", null, Map.of(), new byte[0]);
        assertEquals(200, status);
        JsonNode j = json();
        assertEquals("cairn", j.get("name").asText());
        assertEquals("pass", j.get("status").asText());
        assertEquals("ready for queries and writes", j.get("message").asText());
        assertEquals("1.8.10-cairn", j.get("version").asText());
    }
}
