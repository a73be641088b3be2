package io.cairn.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.api.engine.WriteService;
import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.TimeSeriesStore;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** POST /api/v1/write/msgpack driven through request and response stand-ins, with payloads built by a real packer. */
class MsgpackWriteServletTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final long NOW_NANOS = NOW.getEpochSecond() * 1_000_000_000L;
    private static final long T_NANOS = 1_700_000_000_000_000_000L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Writes one part of a payload. */
    interface Part {
        void write(MessageBufferPacker p) throws IOException;
    }

    private final List<WriteBatch> written = new ArrayList<>();
    private final RecordingStore store = new RecordingStore();
    private TimeSeriesStore bound;
    private long maxSeries = 1_000_000;
    private final WriteService writes = written::addAll;
    private final SeriesCatalog catalog = new SeriesCatalog() {
        @Override
        public TimeSeriesStore store() {
            return bound;
        }

        @Override
        public Set<Tags> pendingSeries(String database, String measurement) {
            return Set.of();
        }
    };
    private int status;
    private String body;

    private MsgpackWriteServlet servlet() {
        ValidationLimits limits = new ValidationLimits(256, 0, 0, 64, 256, 1024, maxSeries);
        return new MsgpackWriteServlet(new MsgpackWriter(writes, catalog, limits, 1 << 20,
                Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    static byte[] pack(Part part) throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        part.write(p);
        p.close();
        return p.toByteArray();
    }

    private JsonNode post(byte[] content) throws Exception {
        return post(content, Map.of(), null);
    }

    private JsonNode post(byte[] content, Map<String, String> requestHeaders, String query) throws Exception {
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
                    case "getMethod" -> "POST";
                    case "getQueryString" -> query;
                    case "getHeader" -> requestHeaders.get((String) args[0]);
                    case "getInputStream" -> in;
                    default -> null;
                });
        status = 0;
        StringWriter out = new StringWriter();
        PrintWriter writer = new PrintWriter(out);
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                    if (m.getName().equals("setStatus")) {
                        status = (Integer) args[0];
                    }
                    return m.getName().equals("getWriter") ? writer : null;
                });
        servlet().service(request, response);
        writer.flush();
        body = out.toString();
        return MAPPER.readTree(body);
    }

    /** The rows written, each as measurement, tags, time and its present field values. */
    record Row(String measurement, Tags tags, long time, Map<String, Object> fields) {
    }

    private List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (WriteBatch b : written) {
            for (int r = 0; r < b.size(); r++) {
                Map<String, Object> fields = new HashMap<>();
                for (FieldColumn c : b.fields()) {
                    if (c.isPresent(r)) {
                        fields.put(c.name(), c.valueAt(r));
                    }
                }
                rows.add(new Row(b.measurement(), b.tags(r), b.time(r), fields));
            }
        }
        return rows;
    }

    private FieldType typeOf(String field) {
        for (WriteBatch b : written) {
            for (FieldColumn c : b.fields()) {
                if (c.name().equals(field)) {
                    return c.type();
                }
            }
        }
        return null;
    }

    static void columnar(MessageBufferPacker p) throws IOException {
        p.packMapHeader(2);
        p.packString("m").packString("cpu");
        p.packString("columns").packMapHeader(5);
        p.packString("time").packArrayHeader(3).packLong(1_700_000_000_000L).packLong(1_700_000_001_000L).packNil();
        p.packString("host").packArrayHeader(3).packString("a").packNil().packString("b");
        p.packString("usage").packArrayHeader(3).packLong(1).packNil().packLong(-3);
        p.packString("temp").packArrayHeader(3).packDouble(1.5).packDouble(2.5).packNil();
        p.packString("up").packArrayHeader(3).packBoolean(true).packBoolean(false).packNil();
    }

    static void rowItem(MessageBufferPacker p, String measurement, Object value) throws IOException {
        p.packMapHeader(4);
        p.packString("m").packString(measurement);
        p.packString("t").packLong(1_700_000_000L);
        p.packString("tags").packMapHeader(1).packString("host").packString("h1");
        p.packString("fields").packMapHeader(1).packString("v");
        if (value instanceof Long l) {
            p.packLong(l);
        } else if (value instanceof Double d) {
            p.packDouble(d);
        } else {
            p.packString(String.valueOf(value));
        }
    }

    @Test
    void columnarItemWritesEveryTypeAndLeavesNilsOut() throws Exception {
        JsonNode answer = post(pack(MsgpackWriteServletTest::columnar));

        assertEquals(200, status, body);
        assertEquals(3, answer.get("accepted").asInt());
        assertEquals(List.of(
                new Row("cpu", Tags.of("host", "a"), T_NANOS, Map.of("usage", 1L, "temp", 1.5, "up", true)),
                new Row("cpu", Tags.EMPTY, T_NANOS + 1_000_000_000L, Map.of("temp", 2.5, "up", false)),
                new Row("cpu", Tags.of("host", "b"), NOW_NANOS, Map.of("usage", -3L))), rows());
        assertEquals(FieldType.INTEGER, typeOf("usage"));
        assertEquals(FieldType.FLOAT, typeOf("temp"));
        assertEquals(FieldType.BOOLEAN, typeOf("up"));
        assertEquals("default", written.get(0).database());
    }

    @Test
    void requestsThroughOneWriterShareTheInstanceOfATagSet() throws Exception {
        MsgpackWriter writer = new MsgpackWriter(writes, catalog, new ValidationLimits(256, 0, 0, 64, 256, 1024,
                maxSeries), 1 << 20, Clock.fixed(NOW, ZoneOffset.UTC));
        byte[] payload = pack(MsgpackWriteServletTest::columnar);
        assertEquals(3, writer.write("db", new java.io.ByteArrayInputStream(payload), null).accepted());
        assertEquals(3, writer.write("db", new java.io.ByteArrayInputStream(payload), null).accepted());

        assertEquals(2, written.size());
        assertEquals(Tags.of("host", "a"), written.get(1).tags(0));
        assertSame(written.get(0).tags(0), written.get(1).tags(0));
    }

    @Test
    void aTagSetAnotherRequestBuiltIsStillCheckedPerItsValues() throws Exception {
        MsgpackWriter writer = new MsgpackWriter(writes, catalog, new ValidationLimits(256, 0, 0, 64, 256, 4,
                maxSeries), 1 << 20, Clock.fixed(NOW, ZoneOffset.UTC));
        Part item = p -> {
            p.packMapHeader(3).packString("m").packString("cpu").packString("tags").packArrayHeader(2)
                    .packString("host").packString("dc");
            p.packString("columns").packMapHeader(3);
            p.packString("host").packArrayHeader(3).packString("a").packString("b").packString("a");
            p.packString("dc").packArrayHeader(3).packString("x").packString("too-long").packNil();
            p.packString("v").packArrayHeader(3).packLong(1).packLong(2).packLong(3);
        };
        byte[] payload = pack(item);

        for (int request = 0; request < 2; request++) {
            MsgpackWriteOutcome outcome = writer.write("db", new ByteArrayInputStream(payload), null);
            assertEquals(2, outcome.accepted());
            assertEquals(1, outcome.rejections().size());
            assertEquals(1, outcome.rejections().get(0).row());
        }
        assertEquals(List.of(Tags.of("host", "a", "dc", "x"), Tags.of("host", "a")),
                List.of(written.get(1).tags(0), written.get(1).tags(1)));
        assertSame(written.get(0).tags(0), written.get(1).tags(0));
        assertSame(written.get(0).tags(1), written.get(1).tags(1));
    }

    @Test
    void aFieldWithValuesOnlyInRejectedRowsIsNotWritten() throws Exception {
        MsgpackWriter writer = new MsgpackWriter(writes, catalog, new ValidationLimits(256, 0, 0, 64, 256, 4,
                maxSeries), 1 << 20, Clock.fixed(NOW, ZoneOffset.UTC));
        byte[] payload = pack(p -> {
            p.packMapHeader(2);
            p.packString("m").packString("cpu");
            p.packString("columns").packMapHeader(4);
            p.packString("time").packArrayHeader(3).packLong(1_700_000_000L).packLong(1_700_000_001L)
                    .packLong(1_700_000_002L);
            p.packString("host").packArrayHeader(3).packString("a").packString("too-long").packString("b");
            p.packString("usage").packArrayHeader(3).packLong(1).packLong(2).packLong(3);
            p.packString("rare").packArrayHeader(3).packNil().packDouble(9.5).packNil();
        });

        MsgpackWriteOutcome outcome = writer.write("db", new java.io.ByteArrayInputStream(payload), null);

        assertEquals(2, outcome.accepted());
        assertEquals(1, written.size());
        WriteBatch batch = written.get(0);
        assertEquals(List.of("usage"), batch.fields().stream().map(FieldColumn::name).toList());
        assertEquals(List.of(1L, 3L), List.of(batch.fields().get(0).valueAt(0), batch.fields().get(0).valueAt(1)));
        assertEquals(Tags.of("host", "b"), batch.tags(1));
    }

    @Test
    void columnsNamedInTagsAreTagsAndOtherStringsAreFields() throws Exception {
        post(pack(p -> {
            p.packMapHeader(3);
            p.packString("columns").packMapHeader(3);
            p.packString("host").packArrayHeader(2).packString("a").packString("b");
            p.packString("msg").packArrayHeader(2).packString("hello").packString("bye");
            p.packString("time").packArrayHeader(2).packLong(1_700_000_000L).packLong(1_700_000_001L);
            p.packString("tags").packArrayHeader(1).packString("host");
            p.packString("m").packString("log");
        }), Map.of("X-Cairn-Database", "logs"), null);

        assertEquals(200, status, body);
        assertEquals(List.of(new Row("log", Tags.of("host", "a"), T_NANOS, Map.of("msg", "hello")),
                new Row("log", Tags.of("host", "b"), T_NANOS + 1_000_000_000L, Map.of("msg", "bye"))), rows());
        assertEquals(FieldType.STRING, typeOf("msg"));
        assertEquals("logs", written.get(0).database());
    }

    @Test
    void rowItemWritesItsTagsFieldsAndTime() throws Exception {
        post(pack(p -> {
            p.packMapHeader(4);
            p.packString("fields").packMapHeader(5).packString("v").packDouble(1.5).packString("n").packLong(3)
                    .packString("ok").packBoolean(false).packString("s").packString("x").packString("gone").packNil();
            p.packString("tags").packMapHeader(2).packString("host").packString("h1").packString("dc").packNil();
            p.packString("t").packLong(1_700_000_000_000_000_000L);
            p.packString("m").packString("cpu");
        }), Map.of(), "db=metrics");

        assertEquals(200, status, body);
        assertEquals(List.of(new Row("cpu", Tags.of("host", "h1"), T_NANOS,
                Map.of("v", 1.5, "n", 3L, "ok", false, "s", "x"))), rows());
        assertEquals("metrics", written.get(0).database());
    }

    @Test
    void batchMixesBothFormsAndReportsRejectedItemsByIndex() throws Exception {
        JsonNode answer = post(pack(p -> {
            p.packMapHeader(1).packString("batch").packArrayHeader(3);
            columnar(p);
            rowItem(p, "mem", 7L);
            rowItem(p, "bad\u0001name", 7L);
        }));

        assertEquals(207, status, body);
        assertEquals(4, answer.get("accepted").asInt());
        assertEquals(1, answer.get("rejected").asInt());
        JsonNode error = answer.get("errors").get(0);
        assertEquals(2, error.get("index").asInt());
        assertEquals("INVALID_NAME", error.get("code").asText());
        assertTrue(error.get("error").asText().contains("control character"), body);
        assertNull(error.get("row"));
        assertEquals(4, rows().size());
        assertEquals(new Row("mem", Tags.of("host", "h1"), T_NANOS, Map.of("v", 7L)), rows().get(3));
    }

    @Test
    void timeUnitIsToldApartByMagnitudeUnlessGiven() throws Exception {
        post(pack(p -> {
            p.packMapHeader(1).packString("batch").packArrayHeader(2);
            p.packMapHeader(2).packString("m").packString("t").packString("columns").packMapHeader(2);
            p.packString("time").packArrayHeader(4).packLong(1_700_000_000L).packLong(1_700_000_000_000L)
                    .packLong(1_700_000_000_000_000L).packLong(T_NANOS);
            p.packString("v").packArrayHeader(4).packLong(1).packLong(2).packLong(3).packLong(4);
            p.packMapHeader(3).packString("m").packString("t").packString("precision").packString("ms");
            p.packString("columns").packMapHeader(2);
            p.packString("time").packArrayHeader(1).packLong(5);
            p.packString("v").packArrayHeader(1).packLong(5);
        }));

        assertEquals(200, status, body);
        List<Long> times = rows().stream().map(Row::time).toList();
        assertEquals(List.of(T_NANOS, T_NANOS, T_NANOS, T_NANOS, 5_000_000L), times);
        assertEquals(1_000_000_000L, MsgpackItemAssembler.magnitudeUnit(99_999_999_999L));
        assertEquals(1_000_000L, MsgpackItemAssembler.magnitudeUnit(100_000_000_000L));
        assertEquals(1_000L, MsgpackItemAssembler.magnitudeUnit(-100_000_000_000_000L));
        assertEquals(1L, MsgpackItemAssembler.magnitudeUnit(100_000_000_000_000_000L));
    }

    @Test
    void timestampsOutOfRangeRejectTheirRowOnly() throws Exception {
        JsonNode answer = post(pack(p -> {
            p.packMapHeader(2).packString("m").packString("t").packString("columns").packMapHeader(2);
            p.packString("time").packArrayHeader(2).packLong(1_700_000_000L).packLong(99_999_999_999L);
            p.packString("v").packArrayHeader(2).packLong(1).packLong(2);
        }));

        assertEquals(207, status, body);
        assertEquals(1, answer.get("accepted").asInt());
        JsonNode error = answer.get("errors").get(0);
        assertEquals(0, error.get("index").asInt());
        assertEquals(1, error.get("row").asInt());
        assertEquals("INVALID_TIMESTAMP", error.get("code").asText());
        assertEquals(1, rows().size());
    }

    @Test
    void columnsOfDifferentLengthsRejectTheWholeItem() throws Exception {
        JsonNode answer = post(pack(p -> {
            p.packMapHeader(2).packString("m").packString("cpu").packString("columns").packMapHeader(2);
            p.packString("time").packArrayHeader(2).packLong(1).packLong(2);
            p.packString("v").packArrayHeader(3).packLong(1).packLong(2).packLong(3);
        }));

        assertEquals(207, status, body);
        assertEquals(0, answer.get("accepted").asInt());
        assertEquals("INVALID_ITEM", answer.get("errors").get(0).get("code").asText());
        assertTrue(answer.get("errors").get(0).get("error").asText().contains("differ in length"), body);
        assertTrue(written.isEmpty());
    }

    @Test
    void fieldTypeConflictsWithTheStoreOrAnEarlierItemRejectThatItem() throws Exception {
        bound = store;
        WriteBatch.Builder existing = WriteBatch.builder("default", "cpu");
        existing.setLong(existing.addRow(Tags.of("host", "h1"), 1L), "v", 1L);
        store.write(existing.build());

        JsonNode answer = post(pack(p -> {
            p.packMapHeader(1).packString("batch").packArrayHeader(4);
            rowItem(p, "cpu", 1.5);
            rowItem(p, "cpu", 2L);
            rowItem(p, "mem", 2L);
            rowItem(p, "mem", 2.5);
        }));

        assertEquals(207, status, body);
        assertEquals(2, answer.get("accepted").asInt());
        JsonNode errors = answer.get("errors");
        assertEquals(0, errors.get(0).get("index").asInt());
        assertEquals("FIELD_TYPE_CONFLICT", errors.get(0).get("code").asText());
        assertTrue(errors.get(0).get("error").asText().contains("stored as INTEGER"), body);
        assertEquals(3, errors.get(1).get("index").asInt());
        assertTrue(errors.get(1).get("error").asText().contains("earlier item"), body);
        assertEquals(List.of(2L, 2L), rows().stream().map(r -> r.fields().get("v")).toList());
    }

    @Test
    void aColumnMixingTypesIsATypeConflict() throws Exception {
        JsonNode answer = post(pack(p -> {
            p.packMapHeader(2).packString("m").packString("cpu").packString("columns").packMapHeader(1);
            p.packString("v").packArrayHeader(2).packLong(1).packDouble(2.0);
        }));

        assertEquals(207, status, body);
        assertEquals("FIELD_TYPE_CONFLICT", answer.get("errors").get(0).get("code").asText());
        assertTrue(written.isEmpty());
    }

    @Test
    void seriesPastTheLimitRejectTheirRows() throws Exception {
        bound = store;
        maxSeries = 1;
        JsonNode answer = post(pack(p -> {
            p.packMapHeader(2).packString("m").packString("cpu").packString("columns").packMapHeader(2);
            p.packString("host").packArrayHeader(3).packString("a").packString("b").packString("a");
            p.packString("v").packArrayHeader(3).packLong(1).packLong(2).packLong(3);
        }));

        assertEquals(207, status, body);
        assertEquals(2, answer.get("accepted").asInt());
        assertEquals(1, answer.get("errors").get(0).get("row").asInt());
        assertEquals("CARDINALITY_EXCEEDED", answer.get("errors").get(0).get("code").asText());
        assertEquals(List.of(1L, 3L), rows().stream().map(r -> r.fields().get("v")).toList());
    }

    @Test
    void emptyTagValuesAndRowsWithoutFieldsAreRejectedPerRow() throws Exception {
        JsonNode answer = post(pack(p -> {
            p.packMapHeader(2).packString("m").packString("cpu").packString("columns").packMapHeader(2);
            p.packString("host").packArrayHeader(3).packString("").packString("b").packString("c");
            p.packString("v").packArrayHeader(3).packLong(1).packNil().packLong(3);
        }));

        assertEquals(207, status, body);
        JsonNode errors = answer.get("errors");
        assertEquals("INVALID_NAME", errors.get(0).get("code").asText());
        assertEquals(0, errors.get(0).get("row").asInt());
        assertTrue(errors.get(1).get("error").asText().contains("no field values"), body);
        assertEquals(List.of(new Row("cpu", Tags.of("host", "c"), NOW_NANOS, Map.of("v", 3L))), rows());
    }

    @Test
    void wrongTypesInsideAnItemRejectThatItemAndTheRestIsWritten() throws Exception {
        JsonNode answer = post(pack(p -> {
            p.packMapHeader(1).packString("batch").packArrayHeader(4);
            p.packMapHeader(2).packString("m").packString("cpu").packString("columns").packMapHeader(1);
            p.packString("v").packArrayHeader(2).packLong(1).packMapHeader(1).packString("x").packLong(1);
            p.packArrayHeader(0);
            p.packMapHeader(2).packString("m").packString("cpu").packString("fields").packMapHeader(1)
                    .packString("v").packBigInteger(new java.math.BigInteger("18446744073709551615"));
            rowItem(p, "cpu", 4L);
        }));

        assertEquals(207, status, body);
        assertEquals(1, answer.get("accepted").asInt());
        JsonNode errors = answer.get("errors");
        assertEquals("INVALID_ITEM", errors.get(0).get("code").asText());
        assertTrue(errors.get(0).get("error").asText().contains("row 1 of column 'v'"), body);
        assertEquals(1, errors.get(1).get("index").asInt());
        assertEquals("INVALID_VALUE", errors.get(2).get("code").asText());
        assertEquals(List.of(4L), rows().stream().map(r -> r.fields().get("v")).toList());
    }

    @Test
    void unreadablePayloadsAnswer400WithTheOffsetAndWriteNothing() throws Exception {
        byte[] valid = pack(p -> {
            p.packMapHeader(1).packString("batch").packArrayHeader(2);
            rowItem(p, "cpu", 1L);
            rowItem(p, "cpu", 2L);
        });
        byte[] truncated = java.util.Arrays.copyOf(valid, valid.length - 3);
        byte[] trailing = java.util.Arrays.copyOf(valid, valid.length + 1);
        List<byte[]> bad = List.of(truncated, trailing, new byte[0], new byte[] {(byte) 0xc1},
                pack(p -> p.packArrayHeader(1).packLong(1)),
                pack(p -> p.packMapHeader(1).packString("batch").packString("nope")),
                pack(p -> p.packMapHeader(2).packString("batch").packArrayHeader(0).packString("m").packString("x")),
                pack(p -> p.packMapHeader(1).packString("m").packRawStringHeader(2).addPayload(new byte[] {(byte) 0xff, 0x41})),
                pack(p -> p.packMapHeader(2).packString("m").packString("cpu").packString("columns").packMapHeader(1)
                        .packString("host").packArrayHeader(1).packRawStringHeader(2).addPayload(new byte[] {(byte) 0xff, 0x41})),
                pack(p -> p.packMapHeader(2).packString("m").packString("cpu").packString("columns").packMapHeader(1)
                        .packString("host").packArrayHeader(1).packRawStringHeader(Integer.MAX_VALUE)));
        for (byte[] payload : bad) {
            JsonNode answer = post(payload);
            assertEquals(400, status, body);
            assertEquals("INVALID_MSGPACK", answer.get("error").get("code").asText(), body);
            assertTrue(answer.get("error").get("details").get("offset").asLong() >= 0, body);
        }
        post(truncated);
        assertTrue(body.contains("truncated"), body);
        assertEquals(truncated.length, MAPPER.readTree(body).get("error").get("details").get("offset").asLong());
        assertTrue(written.isEmpty());
    }

    @Test
    void gzipBodiesAreRead() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(pack(MsgpackWriteServletTest::columnar));
        }
        post(zipped.toByteArray(), Map.of("Content-Encoding", "gzip"), null);
        assertEquals(200, status, body);
        assertEquals(3, rows().size());

        post(new byte[] {1, 2, 3}, Map.of("Content-Encoding", "gzip"), null);
        assertEquals(400, status, body);
        post(pack(MsgpackWriteServletTest::columnar), Map.of("Content-Encoding", "br"), null);
        assertEquals(415, status, body);
    }
    @Test
    void unknownKeysBadPrecisionAndMissingPartsRejectTheirItem() throws Exception {
        JsonNode answer = post(pack(p -> {
            p.packMapHeader(1).packString("batch").packArrayHeader(4);
            p.packMapHeader(3).packString("m").packString("cpu").packString("measurement").packString("x")
                    .packString("fields").packMapHeader(1).packString("v").packLong(1);
            p.packMapHeader(3).packString("m").packString("cpu").packString("precision").packString("minutes")
                    .packString("fields").packMapHeader(1).packString("v").packLong(1);
            p.packMapHeader(1).packString("fields").packMapHeader(1).packString("v").packLong(1);
            p.packMapHeader(1).packString("m").packString("cpu");
        }));

        assertEquals(207, status, body);
        assertEquals(0, answer.get("accepted").asInt());
        JsonNode errors = answer.get("errors");
        assertTrue(errors.get(0).get("error").asText().contains("unknown key 'measurement'"), body);
        assertEquals("INVALID_VALUE", errors.get(1).get("code").asText());
        assertTrue(errors.get(2).get("error").asText().contains("missing 'm'"), body);
        assertTrue(errors.get(3).get("error").asText().contains("'columns' or 'fields'"), body);
        assertEquals(List.of(0, 1, 2, 3), List.of(errors.get(0).get("index").asInt(), errors.get(1).get("index").asInt(),
                errors.get(2).get("index").asInt(), errors.get(3).get("index").asInt()));
        assertTrue(written.isEmpty());
    }
}
