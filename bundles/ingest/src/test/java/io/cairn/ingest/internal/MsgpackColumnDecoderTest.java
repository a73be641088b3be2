package io.cairn.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.FieldType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The column fast path: every MessagePack scalar it decodes, and where it hands over to the general reader. */
class MsgpackColumnDecoderTest {
    private static final long[] LONGS = {0, 1, 127, 128, 255, 256, 65_535, 65_536, 4_294_967_295L, 4_294_967_296L,
        Long.MAX_VALUE, -1, -32, -33, -128, -129, -32_768, -32_769, Integer.MIN_VALUE, Integer.MIN_VALUE - 1L,
        Long.MIN_VALUE};

    private final ByteRangeCache<String> shared = new ByteRangeCache<>(1000);

    private MsgpackColumnDecoder decoder(byte[] bytes) {
        return new MsgpackColumnDecoder(bytes, new LocalStringTable(shared), 1 << 20);
    }

    @Test
    void integersOfEveryWidthAndSignDecodeToTheirValue() throws Exception {
        byte[] bytes = MsgpackWriteServletTest.pack(p -> {
            for (long v : LONGS) {
                p.packLong(v);
            }
            p.packBigInteger(BigInteger.valueOf(200)).packShort((short) 300).packInt(70_000);
        });
        MsgpackColumn c = new MsgpackColumn("v");

        assertEquals(LONGS.length + 3, decoder(bytes).decode(0, c, LONGS.length + 3));

        long[] read = new long[c.size()];
        Arrays.setAll(read, c::longAt);
        long[] expected = Arrays.copyOf(LONGS, LONGS.length + 3);
        expected[LONGS.length] = 200;
        expected[LONGS.length + 1] = 300;
        expected[LONGS.length + 2] = 70_000;
        assertEquals(Arrays.toString(expected), Arrays.toString(read));
        assertEquals(FieldType.INTEGER, c.type());
        assertTrue(c.isDense());
    }

    @Test
    void runsOfValuesAcrossPresenceWordsKeepEveryNil() throws Exception {
        int n = 300;
        java.util.Set<Integer> nils = java.util.Set.of(0, 63, 64, 65, 127, 128, 200, 299);
        for (boolean floats : new boolean[] {false, true}) {
            byte[] bytes = MsgpackWriteServletTest.pack(p -> {
                for (int i = 0; i < n; i++) {
                    if (nils.contains(i)) {
                        p.packNil();
                    } else if (floats) {
                        p.packDouble(i / 2.0);
                    } else {
                        p.packLong(i % 3 == 0 ? -i : i * 1000L);
                    }
                }
            });
            MsgpackColumn c = new MsgpackColumn("v", 4);

            assertEquals(n, decoder(bytes).decode(0, c, n));

            assertEquals(n, c.size());
            assertFalse(c.isDense());
            for (int i = 0; i < n; i++) {
                assertEquals(!nils.contains(i), c.has(i), "row " + i);
                if (!nils.contains(i)) {
                    assertEquals(floats ? i / 2.0 : i % 3 == 0 ? -i : i * 1000.0,
                            floats ? c.doubleAt(i) : c.longAt(i), "row " + i);
                }
            }
        }
    }

    @Test
    void floatsBooleansAndNilsDecode() throws Exception {
        byte[] bytes = MsgpackWriteServletTest.pack(p -> p.packFloat(1.5f).packDouble(-2.25).packNil()
                .packDouble(Double.NaN).packFloat(0.1f));
        MsgpackColumn c = new MsgpackColumn("v");
        assertEquals(5, decoder(bytes).decode(0, c, 5));
        assertEquals(List.of(1.5, -2.25, Double.NaN, (double) 0.1f),
                List.of(c.doubleAt(0), c.doubleAt(1), c.doubleAt(3), c.doubleAt(4)));
        assertFalse(c.has(2));
        assertFalse(c.isDense());

        byte[] flags = MsgpackWriteServletTest.pack(p -> p.packBoolean(true).packNil().packBoolean(false));
        MsgpackColumn b = new MsgpackColumn("up");
        assertEquals(3, decoder(flags).decode(0, b, 3));
        assertEquals(FieldType.BOOLEAN, b.type());
        assertEquals(List.of(true, false), List.of(b.booleanAt(0), b.booleanAt(2)));
        assertFalse(b.has(1));
    }

    @Test
    void stringsOfEveryHeaderDecodeAsUtf8AndRepeatAsOneInstance() throws Exception {
        List<String> values = List.of("", "a", "host_1", "héllo €", "x".repeat(31), "y".repeat(32), "z".repeat(255),
                "w".repeat(256), "v".repeat(70_000), "host_1");
        byte[] bytes = MsgpackWriteServletTest.pack(p -> {
            for (String v : values) {
                p.packString(v);
            }
        });
        MsgpackColumn c = new MsgpackColumn("host");
        MsgpackColumnDecoder decoder = decoder(bytes);

        assertEquals(values.size(), decoder.decode(0, c, values.size()));
        List<String> read = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            read.add(c.stringAt(i));
        }
        assertEquals(values, read);
        assertSame(c.stringAt(2), c.stringAt(9));
        assertEquals(bytes.length, decoder.position());

        MsgpackColumn again = new MsgpackColumn("host");
        decoder(bytes).decode(0, again, values.size());
        assertSame(c.stringAt(3), again.stringAt(3), "a second reader over the same shared cache");
    }

    @Test
    void stopsBeforeAValueItLeavesToTheGeneralReader() throws Exception {
        List<byte[]> stoppers = List.of(
                MsgpackWriteServletTest.pack(p -> p.packBinaryHeader(1).addPayload(new byte[] {1})),
                MsgpackWriteServletTest.pack(p -> p.packBigInteger(new BigInteger("18446744073709551615"))),
                MsgpackWriteServletTest.pack(p -> p.packRawStringHeader(2).addPayload(new byte[] {(byte) 0xff, 0x41})),
                MsgpackWriteServletTest.pack(p -> p.packArrayHeader(0)),
                new byte[] {(byte) 0xc1},
                new byte[] {(byte) 0xcb, 0, 0},
                new byte[] {(byte) 0xa5, 'a', 'b'});
        for (byte[] stopper : stoppers) {
            byte[] head = MsgpackWriteServletTest.pack(p -> p.packLong(7).packLong(1_000_000));
            byte[] bytes = Arrays.copyOf(head, head.length + stopper.length);
            System.arraycopy(stopper, 0, bytes, head.length, stopper.length);
            MsgpackColumn c = new MsgpackColumn("v");
            MsgpackColumnDecoder decoder = decoder(bytes);

            assertEquals(2, decoder.decode(0, c, 3), Arrays.toString(stopper));
            assertEquals(head.length, decoder.position());
            assertEquals(2, c.size());
        }
        MsgpackColumn c = new MsgpackColumn("v");
        MsgpackColumnDecoder decoder = new MsgpackColumnDecoder(MsgpackWriteServletTest.pack(p -> p.packString("long")),
                new LocalStringTable(shared), 3);
        assertEquals(0, decoder.decode(0, c, 1), "a string longer than the decoder's bound");
    }

    @Test
    void theReaderGoesOnAfterTheFastPathHandsOverMidColumn() throws Exception {
        byte[] payload = MsgpackWriteServletTest.pack(p -> {
            p.packMapHeader(1).packString("batch").packArrayHeader(2);
            p.packMapHeader(2).packString("m").packString("cpu").packString("columns").packMapHeader(2);
            p.packString("v").packArrayHeader(4).packLong(1).packBigInteger(new BigInteger("18446744073709551615"))
                    .packLong(3).packBinaryHeader(1).addPayload(new byte[] {9});
            p.packString("w").packArrayHeader(4).packDouble(1).packDouble(2).packDouble(3).packDouble(4);
            p.packMapHeader(2).packString("m").packString("mem").packString("columns").packMapHeader(1);
            p.packString("free").packArrayHeader(2).packLong(10).packLong(20);
        });
        List<MsgpackItem> items = new ArrayList<>();

        new MsgpackPayloadReader(payload, shared).read((item, index) -> items.add(item));

        MsgpackColumn v = items.get(0).columns.get("v");
        assertEquals(4, v.size());
        assertEquals(List.of(1L, 3L), List.of(v.longAt(0), v.longAt(2)));
        assertFalse(v.has(1));
        assertFalse(v.has(3));
        assertTrue(items.get(0).problem.message().contains("row 1 of column 'v'"), items.get(0).problem.message());
        assertEquals(4.0, items.get(0).columns.get("w").doubleAt(3));
        assertNull(items.get(1).problem);
        assertEquals(20L, items.get(1).columns.get("free").longAt(1));
    }

    @Test
    void aColumnNameClaimingGigabytesIsATruncatedPayload() throws Exception {
        byte[] payload = MsgpackWriteServletTest.pack(p -> p.packMapHeader(2).packString("m").packString("cpu")
                .packString("columns").packMapHeader(1).packRawStringHeader(Integer.MAX_VALUE).addPayload(new byte[] {'a'}));

        MsgpackPayloadReader.MalformedException e = assertThrows(MsgpackPayloadReader.MalformedException.class,
                () -> new MsgpackPayloadReader(payload, shared).read((item, index) -> { }));

        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    /** The offset is where the streaming reader stopped before the fast path existed: after the cut value's first byte. */
    @Test
    void aPayloadCutInsideAFastColumnReportsWhereReadingStopped() throws Exception {
        byte[] payload = MsgpackWriteServletTest.pack(p -> {
            p.packMapHeader(2).packString("m").packString("cpu").packString("columns").packMapHeader(2);
            p.packString("host").packArrayHeader(3).packString("a").packString("b").packString("c");
            p.packString("v").packArrayHeader(3).packLong(1).packLong(100_000).packLong(3);
        });
        byte[] truncated = Arrays.copyOf(payload, payload.length - 3);

        MsgpackPayloadReader.MalformedException e = assertThrows(MsgpackPayloadReader.MalformedException.class,
                () -> new MsgpackPayloadReader(truncated, shared).read((item, index) -> { }));

        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertEquals(truncated.length - 2, e.offset());
    }
}
