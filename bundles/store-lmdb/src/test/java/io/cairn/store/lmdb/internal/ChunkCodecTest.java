package io.cairn.store.lmdb.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.FieldType;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkCodecTest {
    private static final long T0 = 1_700_000_000_000_000_000L;

    private static ChunkPoints points(FieldType type, long[] times) {
        ChunkPoints p = ChunkPoints.allocate(type, times.length);
        System.arraycopy(times, 0, p.times, 0, times.length);
        return p;
    }

    private static long[] regularTimes(int n, Random random) {
        long[] times = new long[n];
        long t = T0;
        for (int i = 0; i < n; i++) {
            t += random.nextInt(4) == 0 ? 1 + random.nextInt(5_000_000) : 10_000_000_000L;
            times[i] = t;
        }
        return times;
    }

    private static ChunkPoints roundTrip(ChunkPoints p) {
        return ChunkCodec.decode(ChunkCodec.encode(p));
    }

    @Test
    void randomFloatsRoundTripBitForBit() {
        Random random = new Random(1);
        for (int run = 0; run < 50; run++) {
            int n = 1 + random.nextInt(2000);
            ChunkPoints p = points(FieldType.FLOAT, regularTimes(n, random));
            double walk = random.nextGaussian() * 1000;
            for (int i = 0; i < n; i++) {
                walk += random.nextGaussian();
                p.doubles[i] = switch (run % 3) {
                    case 0 -> walk;
                    case 1 -> Math.round(walk * 100) / 100.0;
                    default -> Double.longBitsToDouble(random.nextLong() & 0x7FEF_FFFF_FFFF_FFFFL);
                };
            }
            ChunkPoints back = roundTrip(p);
            assertArrayEquals(p.times, back.times);
            assertArrayEquals(p.doubles, back.doubles);
        }
    }

    @Test
    void edgeCaseFloatsRoundTrip() {
        double[] values = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
            1e308, 1e-308, 0.0, 0.0, 1.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 42.5, 42.5};
        long[] times = new long[values.length];
        for (int i = 0; i < times.length; i++) {
            times[i] = T0 + i;
        }
        ChunkPoints p = points(FieldType.FLOAT, times);
        System.arraycopy(values, 0, p.doubles, 0, values.length);
        ChunkPoints back = roundTrip(p);
        for (int i = 0; i < values.length; i++) {
            assertEquals(Double.doubleToRawLongBits(values[i]), Double.doubleToRawLongBits(back.doubles[i]), "value " + i);
        }
    }

    @Test
    void extremeTimestampsAndIntegersRoundTrip() {
        long[] times = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 0, 1, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        long[] values = {Long.MAX_VALUE, Long.MIN_VALUE, 0, -1, Long.MAX_VALUE, Long.MIN_VALUE, 7};
        ChunkPoints p = points(FieldType.INTEGER, times);
        System.arraycopy(values, 0, p.longs, 0, values.length);
        ChunkPoints back = roundTrip(p);
        assertArrayEquals(times, back.times);
        assertArrayEquals(values, back.longs);
        ChunkHeader h = ChunkCodec.header(ChunkCodec.encode(p));
        assertEquals(7, h.count());
        assertEquals(Long.MIN_VALUE, h.minTime());
        assertEquals(Long.MAX_VALUE, h.maxTime());
        assertEquals((double) Long.MIN_VALUE, h.min());
        assertEquals((double) Long.MAX_VALUE, h.max());
    }

    @Test
    void randomIntegersRoundTrip() {
        Random random = new Random(2);
        for (int run = 0; run < 30; run++) {
            int n = 1 + random.nextInt(1000);
            ChunkPoints p = points(FieldType.INTEGER, regularTimes(n, random));
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = run % 2 == 0 ? v + random.nextInt(100) - 50 : random.nextLong();
                p.longs[i] = v;
            }
            ChunkPoints back = roundTrip(p);
            assertArrayEquals(p.times, back.times);
            assertArrayEquals(p.longs, back.longs);
        }
    }

    @Test
    void singlePointOfEachTypeRoundTrips() {
        for (FieldType type : FieldType.values()) {
            ChunkPoints p = points(type, new long[] {T0});
            switch (type) {
                case FLOAT -> p.doubles[0] = -3.25;
                case INTEGER -> p.longs[0] = -9;
                case BOOLEAN -> p.booleans[0] = true;
                case STRING -> p.strings[0] = "only";
            }
            ChunkPoints back = roundTrip(p);
            assertEquals(1, back.size);
            assertEquals(T0, back.times[0]);
            assertEquals(type, back.type);
            switch (type) {
                case FLOAT -> assertEquals(-3.25, back.doubles[0]);
                case INTEGER -> assertEquals(-9, back.longs[0]);
                case BOOLEAN -> assertEquals(true, back.booleans[0]);
                case STRING -> assertEquals("only", back.strings[0]);
            }
        }
    }

    @Test
    void stringsAndBooleansRoundTrip() {
        Random random = new Random(3);
        String[] words = {"", "a", "ünïcødé", "日本語", "emoji \uD83D\uDE00", "x".repeat(300), "\u0000?"};
        for (int dictionary : new int[] {1, 2, 7}) {
            int n = 500;
            ChunkPoints s = points(FieldType.STRING, regularTimes(n, random));
            ChunkPoints b = points(FieldType.BOOLEAN, s.times);
            for (int i = 0; i < n; i++) {
                s.strings[i] = words[random.nextInt(dictionary)];
                b.booleans[i] = random.nextBoolean();
            }
            assertArrayEquals(s.strings, roundTrip(s).strings);
            assertArrayEquals(b.booleans, roundTrip(b).booleans);
        }
    }

    @Test
    void headerSummarisesNumericChunk() {
        ChunkPoints p = points(FieldType.FLOAT, new long[] {T0, T0 + 5, T0 + 9});
        p.doubles[0] = 2.5;
        p.doubles[1] = -1;
        p.doubles[2] = 10;
        ChunkHeader h = ChunkCodec.header(ChunkCodec.encode(p));
        assertEquals(new ChunkHeader(FieldType.FLOAT, 3, T0, T0 + 9, -1, 10, 11.5), h);
    }

    @Test
    void mergeKeepsTimeOrderAndNewerValueWins() {
        ChunkPoints old = points(FieldType.INTEGER, new long[] {1, 3, 5, 7});
        System.arraycopy(new long[] {10, 30, 50, 70}, 0, old.longs, 0, 4);
        ChunkPoints newer = points(FieldType.INTEGER, new long[] {0, 3, 6, 7, 9});
        System.arraycopy(new long[] {-1, 33, 66, 77, 99}, 0, newer.longs, 0, 5);
        ChunkPoints merged = roundTrip(old.merge(newer));
        assertArrayEquals(new long[] {0, 1, 3, 5, 6, 7, 9}, merged.times);
        assertArrayEquals(new long[] {-1, 10, 33, 50, 66, 77, 99}, merged.longs);
    }

    @Test
    void regularRandomWalkCompresses() {
        Random random = new Random(4);
        ChunkPoints exact = points(FieldType.FLOAT, new long[360]);
        ChunkPoints whole = points(FieldType.FLOAT, exact.times);
        double walk = 500;
        for (int i = 0; i < 360; i++) {
            exact.times[i] = T0 + i * 10_000_000_000L;
            walk += random.nextGaussian();
            exact.doubles[i] = walk;
            whole.doubles[i] = Math.round(walk);
        }
        assertTrue(ChunkCodec.encode(exact).length < 360 * 7.5, "full-precision walk under 7.5 bytes a point");
        assertTrue(ChunkCodec.encode(whole).length < 360 * 1.5, "whole-number walk under 1.5 bytes a point");
    }
}
