package io.cairn.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.engine.WriteService;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.TimeSeriesStore;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Drives the servlet through plain request and response stand-ins, without a container. */
class JsonWriteServletTest {
    private final List<WriteBatch> written = new ArrayList<>();
    private final WriteService writes = written::addAll;
    private final SeriesCatalog catalog = new SeriesCatalog() {
        @Override
        public TimeSeriesStore store() {
            return null;
        }

        @Override
        public Set<Tags> pendingSeries(String database, String measurement) {
            return Set.of();
        }
    };
    private final JsonWriteServlet servlet = new JsonWriteServlet(defaults(), writes, catalog);
    private final Map<String, String> responseHeaders = new HashMap<>();
    private final int[] status = {0};
    private final StringWriter responseBody = new StringWriter();

    private static JsonWriteServlet.Config defaults() {
        return (JsonWriteServlet.Config) Proxy.newProxyInstance(JsonWriteServlet.Config.class.getClassLoader(),
                new Class<?>[] {JsonWriteServlet.Config.class}, (proxy, method, args) -> method.getDefaultValue());
    }

    private void call(String method, String query, Map<String, String> headers, String body) throws Exception {
        ByteArrayInputStream bytes = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
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
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getInputStream" -> in;
                    default -> null;
                });
        PrintWriter writer = new PrintWriter(responseBody);
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "setStatus" -> status[0] = (Integer) args[0];
                        case "setHeader" -> responseHeaders.put((String) args[0], (String) args[1]);
                        case "getWriter" -> {
                            return writer;
                        }
                        default -> {
                        }
                    }
                    return null;
                });
        servlet.service(request, response);
        writer.flush();
    }

    private static String oneMetric() {
        return "{\"metrics\":[{\"name\":\"cpu\",\"timestamp\":" + System.currentTimeMillis() + ",\"value\":1}]}";
    }

    @Test
    void theDatabaseComesFromTheHeaderFirst() throws Exception {
        call("POST", "db=fromquery", Map.of("X-Cairn-Database", "fromheader"), oneMetric());
        assertEquals(200, status[0]);
        assertEquals("fromheader", written.get(0).database());
    }

    @Test
    void theDatabaseComesFromTheQueryParameterElseIsDefault() throws Exception {
        call("POST", "x=1&db=my%2Ddb", Map.of(), oneMetric());
        call("POST", null, Map.of(), oneMetric());
        assertEquals("my-db", written.get(0).database());
        assertEquals("default", written.get(1).database());
    }

    @Test
    void aDatabaseNameOutsideTheRuleIsRefusedAndNothingIsWritten() throws Exception {
        for (String query : new String[] {"db=%zz", "db=a%00b", "db=my%20db", "db=" + "x".repeat(65)}) {
            responseBody.getBuffer().setLength(0);
            call("POST", query, Map.of(), oneMetric());
            assertEquals(400, status[0], query);
            assertTrue(responseBody.toString().contains("\"code\":\"INVALID_DATABASE\""), responseBody.toString());
        }
        assertTrue(written.isEmpty());
    }

    @Test
    void onlyPostIsAllowed() throws Exception {
        call("GET", null, Map.of(), "");
        assertEquals(405, status[0]);
        assertEquals("POST", responseHeaders.get("Allow"));
        assertTrue(responseBody.toString().contains("\"code\":\"METHOD_NOT_ALLOWED\""), responseBody.toString());
        assertTrue(written.isEmpty());
    }
}
