package io.cairn.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchCodecTest {

    @Test
    void roundTripKeepsEveryTypePresenceGapsAndUnicodeTags() {
        WriteBatch.Builder b = WriteBatch.builder("db1", "cpu");
        Tags a = Tags.of("host", "ä-日本-🚀", "region", "eu");
        Tags empty = Tags.EMPTY;
        int r0 = b.addRow(a, 1_000L);
        b.setDouble(r0, "f", -0.0);
        b.setLong(r0, "i", Long.MIN_VALUE);
        b.setBoolean(r0, "b", true);
        b.setString(r0, "s", "naïve \u0000 text");
        int r1 = b.addRow(empty, -5L);
        b.setDouble(r1, "f", Double.NaN);
        int r2 = b.addRow(a, Long.MAX_VALUE);
        b.setLong(r2, "i", 42);
        b.setString(r2, "s", "");
        WriteBatch original = b.build();

        List<WriteBatch> decoded = BatchDecoder.decode(BatchCodec.encode(List.of(original)).toByteArray());

        assertEquals(1, decoded.size());
        WriteBatch copy = decoded.get(0);
        assertEquals("db1", copy.database());
        assertEquals("cpu", copy.measurement());
        assertEquals(3, copy.size());
        assertEquals(List.of(a, empty), copy.series());
        assertEquals(Long.MAX_VALUE, copy.time(2));
        assertEquals(-5L, copy.time(1));
        assertEquals(a, copy.tags(2));
        assertEquals("ä-日本-🚀", copy.tags(0).get("host"));
        FieldColumn f = column(copy, "f");
        assertEquals(FieldType.FLOAT, f.type());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(f.doubleAt(0)));
        assertTrue(Double.isNaN(f.doubleAt(1)));
        assertFalse(f.isPresent(2));
        FieldColumn i = column(copy, "i");
        assertEquals(Long.MIN_VALUE, i.longAt(0));
        assertFalse(i.isPresent(1));
        assertEquals(42L, i.valueAt(2));
        assertEquals(true, column(copy, "b").valueAt(0));
        assertNull(column(copy, "b").valueAt(1));
        assertEquals("naïve \u0000 text", column(copy, "s").stringAt(0));
        assertEquals("", column(copy, "s").valueAt(2));
        assertNull(column(copy, "s").valueAt(1));
    }

    @Test
    void roundTripOfRandomBatchesKeepsEveryValue() {
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            WriteBatch.Builder b = WriteBatch.builder("d" + round, "m");
            int rows = random.nextInt(300) + 1;
            for (int r = 0; r < rows; r++) {
                int row = b.addRow(Tags.of("k", "v" + random.nextInt(10)), random.nextLong());
                if (random.nextBoolean()) {
                    b.setDouble(row, "x", random.nextGaussian());
                }
                b.setLong(row, "n", random.nextLong());
            }
            WriteBatch original = b.build();
            WriteBatch copy = BatchDecoder.decode(BatchCodec.encode(List.of(original, original)).toByteArray()).get(1);
            assertEquals(original.size(), copy.size());
            assertEquals(original.series(), copy.series());
            for (int r = 0; r < rows; r++) {
                assertEquals(original.time(r), copy.time(r));
                assertEquals(original.tags(r), copy.tags(r));
                for (FieldColumn c : original.fields()) {
                    assertEquals(c.valueAt(r), column(copy, c.name()).valueAt(r));
                }
            }
        }
    }

    @Test
    void encodingIsTheLogFormatThatOlderRecordsWereWrittenIn() throws IOException {
        WriteBatch.Builder b = WriteBatch.builder("db", "cpu");
        Tags host = Tags.of("host", "日本");
        int r0 = b.addRow(host, 10);
        b.setDouble(r0, "f", Double.NaN);
        b.setLong(r0, "i", -3);
        b.setBoolean(r0, "b", true);
        int r1 = b.addRow(Tags.EMPTY, 20);
        b.setLong(r1, "i", 7);
        b.setString(r1, "s", "é");
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(expected);
        out.writeByte(1);
        out.writeInt(1);
        text(out, "db");
        text(out, "cpu");
        out.writeInt(2);
        out.writeInt(1);
        text(out, "host");
        text(out, "日本");
        out.writeInt(0);
        out.writeInt(2);
        out.writeLong(10);
        out.writeInt(0);
        out.writeLong(20);
        out.writeInt(1);
        out.writeInt(4);
        text(out, "f");
        out.writeByte(FieldType.FLOAT.code());
        out.writeBoolean(false);
        out.writeInt(1);
        out.writeLong(1);
        out.writeDouble(Double.NaN);
        text(out, "i");
        out.writeByte(FieldType.INTEGER.code());
        out.writeBoolean(true);
        out.writeLong(-3);
        out.writeLong(7);
        text(out, "b");
        out.writeByte(FieldType.BOOLEAN.code());
        out.writeBoolean(false);
        out.writeInt(1);
        out.writeLong(1);
        out.writeBoolean(true);
        text(out, "s");
        out.writeByte(FieldType.STRING.code());
        out.writeBoolean(false);
        out.writeInt(1);
        out.writeLong(2);
        text(out, "é");
        out.flush();

        assertArrayEquals(expected.toByteArray(), BatchCodec.encode(List.of(b.build())).toByteArray());
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    @Test
    void asciiAndOtherTagSetsEncodeAsLengthAndUtf8BytesOfEachKeyAndValue() throws IOException {
        WriteBatch.Builder b = WriteBatch.builder("db", "m");
        b.setLong(b.addRow(Tags.of("host", "a"), 1), "n", 1);
        b.setLong(b.addRow(Tags.of("région", "é"), 2), "n", 2);
        b.setLong(b.addRow(Tags.EMPTY, 3), "n", 3);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(expected);
        out.writeByte(1);
        out.writeInt(1);
        text(out, "db");
        text(out, "m");
        out.writeInt(3);
        out.writeInt(1);
        text(out, "host");
        text(out, "a");
        out.writeInt(1);
        text(out, "région");
        text(out, "é");
        out.writeInt(0);
        out.flush();

        byte[] bytes = BatchCodec.encode(List.of(b.build())).toByteArray();

        assertArrayEquals(expected.toByteArray(), Arrays.copyOf(bytes, expected.size()));
        WriteBatch decoded = BatchDecoder.decode(bytes).get(0);
        assertEquals(List.of(Tags.of("host", "a"), Tags.of("région", "é"), Tags.EMPTY), decoded.series());
    }

    @Test
    void emptyListRoundTrips() {
        assertEquals(List.of(), BatchDecoder.decode(BatchCodec.encode(List.of()).toByteArray()));
    }

    @Test
    void truncatedBytesAreRejected() {
        WriteBatch.Builder b = WriteBatch.builder("db", "m");
        b.setDouble(b.addRow(Tags.of("a", "b"), 1), "value", 1.5);
        byte[] bytes = BatchCodec.encode(List.of(b.build())).toByteArray();
        assertThrows(IllegalArgumentException.class,
                () -> BatchDecoder.decode(Arrays.copyOf(bytes, bytes.length - 3)));
    }

    @Test
    void rememberedTagSetEncodingsGiveTheSameBytes() {
        Tags shared = Tags.of("host", "h1", "région", "eu-ouest");
        WriteBatch.Builder b = WriteBatch.builder("db", "cpu");
        b.setLong(b.addRow(shared, 1), "v", 1);
        b.setLong(b.addRow(Tags.of("host", "h2"), 2), "v", 2);
        WriteBatch first = b.build();
        WriteBatch.Builder other = WriteBatch.builder("db", "mem");
        other.setDouble(other.addRow(shared, 3), "free", 0.5);
        WriteBatch second = other.build();
        BoundedMemo<Tags, byte[]> memo = new BoundedMemo<>(100);

        List<WriteBatch> both = List.of(first, second);
        byte[] plain = BatchCodec.encode(both).toByteArray();
        assertArrayEquals(plain, BatchCodec.encode(both, BatchCodec.tagSets(both, memo)).toByteArray());
        assertEquals(2, memo.size());
        assertArrayEquals(plain, BatchCodec.encode(both, BatchCodec.tagSets(both, memo)).toByteArray());
        assertEquals(shared, BatchDecoder.decode(plain).get(1).tags(0));
    }

    private static FieldColumn column(WriteBatch batch, String name) {
        return batch.fields().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
