package io.cairn.itests;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** MessagePack columnar and row writes through HTTP, read back through the dashboard query. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MsgpackIT extends CairnTestSupport {
    private static final long NOW_MS = System.currentTimeMillis() - 60_000;

    @Before
    public void healthy() throws Exception {
        Http.awaitHealthy();
    }

    @Test
    public void columnarAndRowPayloadsAreReadBack() throws Exception {
        Map<String, Object> columnar = Map.of("m", "sensor", "precision", "ms", "columns", Map.of(
                "time", List.of(NOW_MS, NOW_MS + 1000, NOW_MS + 2000),
                "device", List.of("d1", "d1", "d2"),
                "temp", List.of(20.5, 21.5, 30.0)));
        Map<String, Object> row = Map.of("m", "sensor", "t", NOW_MS + 3000,
                "tags", Map.of("device", "d1"), "fields", Map.of("temp", 22.5));
        Http.Response r = Http.post("/api/v1/write/msgpack?db=mp", pack(Map.of("batch", List.of(columnar, row))),
                "Content-Type", "application/msgpack");
        assertEquals(r.body(), 200, r.status());
        assertEquals(4, r.json().get("accepted").asInt());
        JsonNode results = null;
        for (int i = 0; i < 200; i++) {
            results = Http.post("/api/v1/query?db=mp", "{\"queryType\":\"aggregate\",\"metricName\":\"sensor\",\"field\":\"temp\","
                    + "\"aggregation\":\"sum\",\"groupBy\":[\"device\"],\"timeRange\":{\"relative\":\"1h\"}}").json().get("results");
            if (results.size() == 2 && results.get(0).get("count").asInt() == 3) {
                break;
            }
            Thread.sleep(50);
        }
        assertEquals("d1", results.get(0).get("groupKey").get("device").asText());
        assertEquals(64.5, results.get(0).get("value").asDouble(), 0.0);
        assertEquals(30.0, results.get(1).get("value").asDouble(), 0.0);
    }

    @Test
    public void unreadableBytesAreA400WithTheOffset() throws Exception {
        Http.Response r = Http.post("/api/v1/write/msgpack?db=mp", new byte[] {(byte) 0x82, (byte) 0xa1, 'm'},
                "Content-Type", "application/msgpack");
        assertEquals(400, r.status());
        assertEquals("INVALID_MSGPACK", r.errorCode());
    }

    /** Encodes maps, lists, strings, longs and doubles as MessagePack (enough for these tests). */
    private static byte[] pack(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        pack(value, new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static void pack(Object value, DataOutputStream out) throws IOException {
        if (value instanceof Map<?, ?> map) {
            out.writeByte(0xde);
            out.writeShort(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                pack(e.getKey(), out);
                pack(e.getValue(), out);
            }
        } else if (value instanceof List<?> list) {
            out.writeByte(0xdc);
            out.writeShort(list.size());
            for (Object item : list) {
                pack(item, out);
            }
        } else if (value instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.writeByte(0xd9);
            out.writeByte(utf8.length);
            out.write(utf8);
        } else if (value instanceof Long l) {
            out.writeByte(0xd3);
            out.writeLong(l);
        } else if (value instanceof Double d) {
            out.writeByte(0xcb);
            out.writeDouble(d);
        } else {
            throw new IllegalArgumentException("cannot pack " + value);
        }
    }
}
