package io.cairn.store.parquet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompactionServletTest {
    @TempDir
    Path dir;

    private record Reply(int status, JsonNode body) {
    }

    @Test
    void showsFilesPerPartitionAndCompactsOnPost() throws Exception {
        ParquetStore store = new ParquetStore(dir, new Settings(CompressionCodecName.ZSTD, 512L << 20, 0, 16));
        store.write(ParquetStoreTest.everyType(0));
        store.write(ParquetStoreTest.everyType(1));
        CompactionServlet servlet = new CompactionServlet(store);

        Reply before = call(servlet, "GET", "127.0.0.1");
        assertEquals(200, before.status());
        assertEquals(4, before.body().get("partitions").size());
        assertEquals(2, before.body().get("partitions").get(0).get("files").asInt());
        assertEquals("db/m/2023/11/14/22", before.body().get("partitions").get(0).get("partition").asText());
        assertEquals(0, before.body().get("lastRuns").size());

        Reply after = call(servlet, "POST", "127.0.0.1");
        assertEquals(200, after.status());
        assertEquals(4, after.body().get("runs").size());
        assertEquals(2, after.body().get("runs").get(0).get("filesIn").asInt());
        assertEquals(1, after.body().get("partitions").get(0).get("files").asInt());
        assertEquals(4, call(servlet, "GET", "::1").body().get("lastRuns").size());
    }

    @Test
    void refusesCallersOffTheLoopbackInterface() throws Exception {
        ParquetStore store = new ParquetStore(dir, new Settings(CompressionCodecName.ZSTD, 512L << 20, 0, 16));
        Reply reply = call(new CompactionServlet(store), "POST", "192.0.2.7");
        assertEquals(403, reply.status());
        assertEquals("ADMIN_LOOPBACK_ONLY", reply.body().get("error").get("code").asText());
    }

    private static Reply call(CompactionServlet servlet, String method, String remote) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int[] status = {200};
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }
        };
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(CompactionServletTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getRemoteAddr" -> remote;
                    case "getProtocol" -> "HTTP/1.1";
                    default -> null;
                });
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
                CompactionServletTest.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "setStatus" -> {
                        status[0] = (Integer) args[0];
                        yield null;
                    }
                    case "getOutputStream" -> out;
                    default -> null;
                });
        servlet.service(request, response);
        return new Reply(status[0], new ObjectMapper().readTree(body.toByteArray()));
    }
}
