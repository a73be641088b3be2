package io.cairn.query.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Times in replies are written exactly as {@link Instant#toString()} writes them, and durations with one decimal. */
class JsonRepliesTest {
    private static String written(Instant time) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            new JsonValues(g).instant(time);
        }
        return out.toString();
    }

    @Test
    void timesReadAsInstantToStringDoes() throws IOException {
        Random random = new Random(7);
        long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long range = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() - first;
        for (int i = 0; i < 20_000; i++) {
            long seconds = first + Math.floorMod(random.nextLong(), range);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant time = Instant.ofEpochSecond(seconds, nanos);
            assertEquals("\"" + time + "\"", written(time));
        }
    }

    @Test
    void oneWriterGivesEveryValueAsJacksonWritesItsText() throws IOException {
        Random random = new Random(11);
        StringWriter fast = new StringWriter();
        StringWriter plain = new StringWriter();
        String[] strings = {"host_1", "quote\"and\\slash", "ünïcode", "host_1", ""};
        try (JsonGenerator a = new JsonFactory().createGenerator(fast);
                JsonGenerator b = new JsonFactory().createGenerator(plain)) {
            JsonValues values = new JsonValues(a);
            a.writeStartArray();
            b.writeStartArray();
            long start = Instant.parse("2026-11-21T23:59:50Z").toEpochMilli();
            for (int i = 0; i < 5_000; i++) {
                Instant time = Instant.ofEpochMilli(start + (i % 7 == 0 ? -random.nextInt(1_000_000_000) : i * 997L));
                values.write(time);
                b.writeString(time.toString());
                String text = strings[i % strings.length] + (i % 3 == 0 ? "" : String.valueOf(i % 50));
                values.write(text);
                b.writeString(text);
                values.write((long) i);
                b.writeNumber((long) i);
            }
            a.writeEndArray();
            b.writeEndArray();
        }
        assertEquals(plain.toString(), fast.toString());
    }

    @Test
    void timesAtTheEdgesReadAsInstantToStringDoes() throws IOException {
        for (String text : new String[] {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z",
            "2024-02-29T12:00:00.100Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.000001Z",
            "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z"}) {
            Instant time = Instant.parse(text);
            assertEquals("\"" + time + "\"", written(time));
        }
        assertEquals("\"" + Instant.MAX + "\"", written(Instant.MAX));
        assertEquals("\"" + Instant.MIN + "\"", written(Instant.MIN));
    }

    @Test
    void durationsHaveOneDecimal() throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            JsonReplies.writeMillisSince(g, "ms", System.nanoTime() - 2_340_000);
            g.writeEndObject();
        }
        String text = out.toString();
        assertTrue(text.matches("\\{\"ms\":\\d+\\.\\d}"), text);
        assertTrue(Double.parseDouble(text.substring(6, text.length() - 1)) >= 2.3, text);
    }
}
