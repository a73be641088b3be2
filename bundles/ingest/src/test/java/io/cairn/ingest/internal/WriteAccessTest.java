package io.cairn.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.api.access.Permission;
import io.cairn.api.access.RequestAccess;
import io.cairn.api.access.RowFilter;
import io.cairn.api.engine.WriteService;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.TimeSeriesStore;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every write endpoint writes only the measurements the request's access permits. */
class WriteAccessTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** May write measurements starting with "cpu" of database "metrics" only. */
    private static final RequestAccess CPU_ONLY = new RequestAccess() {
        @Override
        public boolean permits(Permission permission, String database, String measurement) {
            return permission == Permission.WRITE && "metrics".equals(database)
                    && measurement != null && measurement.startsWith("cpu");
        }

        @Override
        public RowFilter rowFilter(String database, String measurement) {
            return RowFilter.ALL;
        }
    };

    private final List<WriteBatch> written = new ArrayList<>();
    private final RecordingStore store = new RecordingStore();
    private final WriteService writes = written::addAll;
    private final SeriesCatalog catalog = new SeriesCatalog() {
        @Override
        public TimeSeriesStore store() {
            return store;
        }

        @Override
        public Set<Tags> pendingSeries(String database, String measurement) {
            return Set.of();
        }
    };
    private final ValidationLimits limits = new ValidationLimits(256, 7L * 24 * 3600 * 1000, 3600 * 1000, 64, 256,
            1024, 1_000_000);
    private int status;
    private String body;

    private LineProtocolWriter lineWriter() {
        return new LineProtocolWriter(writes, catalog, limits, 1 << 20, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void post(HttpServlet servlet, String query, RequestAccess access, byte[] content) throws Exception {
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
        };
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> "POST";
                    case "getQueryString" -> query;
                    case "getInputStream" -> in;
                    case "getAttribute" -> RequestAccess.ATTRIBUTE.equals(args[0]) ? access : null;
                    default -> null;
                });
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                    if (m.getName().equals("setStatus")) {
                        status = (Integer) args[0];
                    }
                    return m.getName().equals("getWriter") ? out : null;
                });
        servlet.service(request, response);
        out.flush();
        body = text.toString();
    }

    private void post(HttpServlet servlet, String query, RequestAccess access, String content) throws Exception {
        post(servlet, query, access, content.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> writtenMeasurements() {
        return written.stream().map(WriteBatch::measurement).distinct().sorted().toList();
    }

    @Test
    void lineProtocolWritesThePermittedMeasurementsAndNamesTheRefusedLines() throws Exception {
        post(new LineProtocolWriteServlet(lineWriter()), "db=metrics", CPU_ONLY,
                "cpu,host=a v=1 1\nmem,host=a v=2 2\ncpu_load v=3 3\nmem v=4 4\n");
        assertEquals(207, status, body);
        JsonNode answer = MAPPER.readTree(body);
        assertEquals(2, answer.get("accepted").asInt());
        assertEquals(2, answer.at("/errors/0/line").asInt());
        assertEquals("FORBIDDEN", answer.at("/errors/0/code").asText());
        assertEquals(4, answer.at("/errors/1/line").asInt());
        assertEquals(List.of("cpu", "cpu_load"), writtenMeasurements());
    }

    @Test
    void aWriteWhoseEveryLineIsRefusedIs403OnEveryLineProtocolEndpoint() throws Exception {
        post(new LineProtocolWriteServlet(lineWriter()), "db=metrics", CPU_ONLY, "mem v=1 1\n");
        assertEquals(403, status);
        assertEquals("FORBIDDEN", MAPPER.readTree(body).at("/error/code").asText());
        post(new InfluxV1WriteServlet(lineWriter()), "db=logs", CPU_ONLY, "cpu v=1 1\n");
        assertEquals(403, status);
        assertTrue(MAPPER.readTree(body).get("error").asText().contains("line 1"), body);
        post(new InfluxV2WriteServlet(lineWriter()), "bucket=logs/autogen", CPU_ONLY, "cpu v=1 1\n");
        assertEquals(403, status);
        assertEquals("forbidden", MAPPER.readTree(body).get("code").asText());
        assertEquals(List.of(), written);

        post(new InfluxV1WriteServlet(lineWriter()), "db=metrics", CPU_ONLY, "cpu v=1 1\nmem v=1 1\n");
        assertEquals(400, status, "a partial write is InfluxDB's 400 as for other rejected lines");
        assertEquals(List.of("cpu"), writtenMeasurements());
    }

    @Test
    void aRefusedMeasurementRevealsNothingOfItsStoredFieldTypes() throws Exception {
        WriteBatch.Builder existing = WriteBatch.builder("metrics", "secret");
        existing.setString(existing.addRow(Tags.EMPTY, 1), "v", "text");
        store.write(existing.build());
        post(new LineProtocolWriteServlet(lineWriter()), "db=metrics", CPU_ONLY, "cpu v=1 1\nsecret v=1 1\n");
        assertEquals(207, status);
        JsonNode error = MAPPER.readTree(body).at("/errors/0");
        assertEquals("FORBIDDEN", error.get("code").asText());
        assertTrue(!error.get("error").asText().contains("STRING"), body);
    }

    @Test
    void theJsonWriteRejectsRefusedMetricsByIndexAndAnswers403WhenAllAre() throws Exception {
        JsonWriteServlet.Config defaults = (JsonWriteServlet.Config) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {JsonWriteServlet.Config.class},
                (proxy, method, args) -> method.getDefaultValue());
        JsonWriteServlet servlet = new JsonWriteServlet(defaults, writes, catalog);
        long ms = System.currentTimeMillis();
        String metrics = "{\"metrics\":[{\"name\":\"cpu\",\"timestamp\":" + ms + ",\"value\":1},"
                + "{\"name\":\"disk\",\"timestamp\":" + ms + ",\"value\":2}]}";
        post(servlet, "db=metrics", CPU_ONLY, metrics);
        assertEquals(207, status, body);
        assertEquals(1, MAPPER.readTree(body).at("/errors/0/index").asInt());
        assertEquals("FORBIDDEN", MAPPER.readTree(body).at("/errors/0/code").asText());
        assertEquals(List.of("cpu"), writtenMeasurements());

        post(servlet, "db=other", CPU_ONLY, metrics);
        assertEquals(403, status);
        assertEquals("FORBIDDEN", MAPPER.readTree(body).at("/error/code").asText());
        post(servlet, "db=other", null, metrics);
        assertEquals(200, status, "a request without access (authentication off) writes everything");
    }

    @Test
    void theMsgpackWriteRejectsRefusedItemsAndAnswers403WhenAllAre() throws Exception {
        MsgpackWriteServlet servlet = new MsgpackWriteServlet(new MsgpackWriter(writes, catalog, limits, 1 << 20,
                Clock.fixed(NOW, ZoneOffset.UTC)));
        byte[] batch = MsgpackWriteServletTest.pack(p -> {
            p.packMapHeader(1).packString("batch").packArrayHeader(2);
            p.packMapHeader(3).packString("m").packString("mem").packString("fields").packMapHeader(1)
                    .packString("v").packDouble(1).packString("t").packLong(1_700_000_000_000_000_000L);
            p.packMapHeader(3).packString("m").packString("cpu").packString("fields").packMapHeader(1)
                    .packString("v").packDouble(2).packString("t").packLong(1_700_000_000_000_000_000L);
        });
        post(servlet, "db=metrics", CPU_ONLY, batch);
        assertEquals(207, status, body);
        assertEquals(0, MAPPER.readTree(body).at("/errors/0/index").asInt());
        assertEquals("FORBIDDEN", MAPPER.readTree(body).at("/errors/0/code").asText());
        assertEquals(List.of("cpu"), writtenMeasurements());

        post(servlet, "db=logs", CPU_ONLY, batch);
        assertEquals(403, status, body);
        assertEquals(1, written.size());
    }
}
