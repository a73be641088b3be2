package io.cairn.store.lmdb.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.FieldType;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkAppendTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final FieldType[] APPENDABLE = {FieldType.FLOAT, FieldType.INTEGER, FieldType.BOOLEAN};

    /** Returns n points of a type at increasing times with values of one of several shapes. */
    static ChunkPoints randomPoints(FieldType type, int n, Random random) {
        ChunkPoints p = ChunkPoints.allocate(type, n);
        long t = T0 + random.nextInt(1000);
        int shape = random.nextInt(4);
        double walk = random.nextGaussian() * 100;
        for (int i = 0; i < n; i++) {
            t += switch (random.nextInt(5)) {
                case 0 -> 1 + random.nextInt(3);
                case 1 -> 1 + (random.nextLong() >>> 24);
                default -> 10_000_000_000L;
            };
            p.times[i] = t;
            walk += random.nextGaussian();
            switch (type) {
                case FLOAT -> p.doubles[i] = switch (shape) {
                    case 0 -> walk;
                    case 1 -> Math.round(walk * 100) / 100.0;
                    case 2 -> random.nextInt(3);
                    default -> notNaN(Double.longBitsToDouble(random.nextLong()), random);
                };
                case INTEGER -> p.longs[i] = switch (shape) {
                    case 0 -> Math.round(walk);
                    case 1 -> random.nextInt(101);
                    case 2 -> random.nextInt(3) == 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
                    default -> random.nextLong();
                };
                case BOOLEAN -> p.booleans[i] = random.nextBoolean();
                case STRING -> p.strings[i] = "s" + random.nextInt(5);
            }
        }
        return p;
    }

    private static double notNaN(double v, Random random) {
        return Double.isNaN(v) ? random.nextDouble() : v;
    }

    private static ChunkPoints slice(ChunkPoints p, int from, int to) {
        ChunkPoints out = ChunkPoints.allocate(p.type, to - from);
        for (int i = from; i < to; i++) {
            out.set(i - from, p, i);
        }
        return out;
    }

    @Test
    void appendingInPiecesGivesTheBytesOfEncodingAtOnce() {
        Random random = new Random(11);
        for (int run = 0; run < 300; run++) {
            FieldType type = APPENDABLE[run % APPENDABLE.length];
            ChunkPoints all = randomPoints(type, 1 + random.nextInt(700), random);
            int cut = 1 + random.nextInt(all.size);
            byte[] chunk = ChunkCodec.encode(slice(all, 0, cut));
            while (cut < all.size) {
                int next = Math.min(all.size, cut + 1 + random.nextInt(40));
                chunk = ChunkCodec.append(chunk, slice(all, cut, next));
                cut = next;
            }
            assertArrayEquals(ChunkCodec.encode(all), chunk, "run " + run + " " + type);
            ChunkPoints back = ChunkCodec.decode(chunk);
            assertArrayEquals(all.times, back.times);
            switch (type) {
                case FLOAT -> {
                    for (int i = 0; i < all.size; i++) {
                        assertEquals(Double.doubleToRawLongBits(all.doubles[i]),
                                Double.doubleToRawLongBits(back.doubles[i]), "run " + run + " point " + i);
                    }
                }
                case INTEGER -> assertArrayEquals(all.longs, back.longs);
                default -> assertArrayEquals(all.booleans, back.booleans);
            }
            assertEquals(new ChunkHeader(type, all.size, all.times[0], all.times[all.size - 1],
                    ChunkCodec.header(ChunkCodec.encodeSectioned(all)).min(),
                    ChunkCodec.header(ChunkCodec.encodeSectioned(all)).max(),
                    ChunkCodec.header(ChunkCodec.encodeSectioned(all)).sum()), ChunkCodec.header(chunk));
        }
    }

    @Test
    void pointsNotLaterThanTheLastAreNotAppended() {
        ChunkPoints p = randomPoints(FieldType.INTEGER, 10, new Random(12));
        byte[] chunk = ChunkCodec.encode(p);
        assertNull(ChunkCodec.append(chunk, slice(p, 9, 10)), "a point at the last time replaces, never appends");
        assertNull(ChunkCodec.append(chunk, slice(p, 3, 4)));
        assertNull(ChunkCodec.append(ChunkCodec.encodeSectioned(p), shifted(p, 10_000_000_000_000_000L)));
        assertTrue(ChunkCodec.append(chunk, shifted(p, 10_000_000_000_000_000L)).length > chunk.length);
    }

    private static ChunkPoints shifted(ChunkPoints p, long by) {
        ChunkPoints out = slice(p, 0, p.size);
        for (int i = 0; i < out.size; i++) {
            out.times[i] += by;
        }
        return out;
    }

    @Test
    void chunksOfTheSectionedLayoutStillDecodeAndMergeIntoTheAppendableOne() {
        Random random = new Random(13);
        for (FieldType type : FieldType.values()) {
            ChunkPoints old = randomPoints(type, 200, random);
            byte[] sectioned = ChunkCodec.encodeSectioned(old);
            assertFalse(ChunkAppender.isAppendable(sectioned));
            assertArrayEquals(ChunkCodec.encode(old), ChunkCodec.encode(ChunkCodec.decode(sectioned)));
            ChunkPoints later = shifted(old, 10_000_000_000_000_000L);
            byte[] merged = BatchWriter.merged(sectioned, later);
            assertEquals(type != FieldType.STRING, ChunkAppender.isAppendable(merged));
            assertArrayEquals(ChunkCodec.encode(old.merge(later)), merged);
            assertEquals(400, ChunkCodec.header(merged).count());
        }
    }

    @Test
    void mergedOverlappingPointsReplaceAndKeepTheAppendableLayout() {
        ChunkPoints first = ChunkPoints.allocate(FieldType.INTEGER, 3);
        System.arraycopy(new long[] {10, 20, 30}, 0, first.times, 0, 3);
        System.arraycopy(new long[] {1, 2, 3}, 0, first.longs, 0, 3);
        ChunkPoints overlap = ChunkPoints.allocate(FieldType.INTEGER, 3);
        System.arraycopy(new long[] {15, 30, 40}, 0, overlap.times, 0, 3);
        System.arraycopy(new long[] {-15, -30, -40}, 0, overlap.longs, 0, 3);
        byte[] merged = BatchWriter.merged(BatchWriter.merged(null, first), overlap);
        ChunkPoints back = ChunkCodec.decode(merged);
        assertArrayEquals(new long[] {10, 15, 20, 30, 40}, back.times);
        assertArrayEquals(new long[] {1, -15, 2, -30, -40}, back.longs);
        assertTrue(ChunkAppender.isAppendable(merged));
        assertEquals(new ChunkHeader(FieldType.INTEGER, 5, 10, 40, -40, 2, -82), ChunkCodec.header(merged));
    }

    @Test
    void tsbsLikeIntegersTakeUnderOneByteAPoint() {
        Random random = new Random(14);
        ChunkPoints hour = ChunkPoints.allocate(FieldType.INTEGER, 360);
        long v = 50;
        for (int i = 0; i < 360; i++) {
            hour.times[i] = T0 + i * 10_000_000_000L;
            v = Math.max(0, Math.min(100, v + random.nextInt(11) - 5));
            hour.longs[i] = v;
        }
        assertTrue(ChunkCodec.encode(hour).length < 360, "bytes: " + ChunkCodec.encode(hour).length);
    }
}
