package io.cairn.store.lmdb.internal;

import static io.cairn.store.lmdb.internal.Scans.raw;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.SeriesBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random batches, mostly later points (the append path) mixed with out-of-order points, duplicates
 * within and across batches, missing fields and retention cuts, checked against a brute-force map: every scan reads
 * what the map holds, and every stored chunk has exactly the bytes of its points encoded at once.
 */
class AppendPathPropertyTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final List<Tags> SERIES = List.of(Tags.of("host", "a"), Tags.of("host", "b"), Tags.of("host", "c", "dc", "x"));
    private static final Map<String, FieldType> FIELDS = new TreeMap<>(Map.of("v", FieldType.FLOAT,
            "n", FieldType.INTEGER, "ok", FieldType.BOOLEAN, "s", FieldType.STRING));

    @TempDir
    Path dir;

    /** series → field → time → value. */
    private final Map<Tags, Map<String, TreeMap<Long, Object>>> model = new TreeMap<>();

    @Test
    void randomBatchesReadBackAsTheMapHoldsThemAndChunksEqualWholeEncodings() {
        Random random = new Random(21);
        long[] cursor = new long[SERIES.size()];
        LmdbStore store = new LmdbStore(dir, 1L << 20, 16);
        try {
            for (int b = 0; b < 120; b++) {
                store.write(randomBatch(random, cursor));
                if (b % 30 == 29) {
                    long cutoff = T0 + (long) (random.nextDouble() * cursor[0]);
                    long dropped = 0;
                    for (Map<String, TreeMap<Long, Object>> fields : model.values()) {
                        for (TreeMap<Long, Object> points : fields.values()) {
                            dropped += points.headMap(cutoff).size();
                            points.headMap(cutoff).clear();
                        }
                    }
                    assertEquals(dropped, store.deleteBefore("d", "m", cutoff), "retention after batch " + b);
                }
                if (b % 10 == 9) {
                    assertEquals(withoutEmpty(model), read(store), "after batch " + b);
                }
            }
        } finally {
            store.close();
        }
        assertChunksAreWholeEncodings();
    }

    private WriteBatch randomBatch(Random random, long[] cursor) {
        WriteBatch.Builder b = WriteBatch.builder("d", "m");
        int rows = 1 + random.nextInt(60);
        for (int i = 0; i < rows; i++) {
            int s = random.nextInt(SERIES.size());
            int kind = random.nextInt(20);
            long time;
            if (kind == 0 && cursor[s] > 0) {
                time = T0 + (long) (random.nextDouble() * cursor[s]);
            } else if (kind == 1 && cursor[s] > 0) {
                time = T0 + cursor[s];
            } else {
                cursor[s] += random.nextInt(3) == 0 ? 1 + random.nextInt(1000) : 10 * SECOND + random.nextInt(3) * 60 * SECOND;
                time = T0 + cursor[s];
            }
            Tags tags = SERIES.get(s);
            int row = b.addRow(tags, time);
            for (String field : FIELDS.keySet()) {
                if (random.nextInt(5) == 0) {
                    continue;
                }
                Object value = switch (FIELDS.get(field)) {
                    case FLOAT -> random.nextInt(4) == 0 ? (double) random.nextInt(3) : Math.round(random.nextGaussian() * 1e4) / 100.0;
                    case INTEGER -> random.nextInt(4) == 0 ? random.nextLong() : (long) random.nextInt(100);
                    case BOOLEAN -> random.nextBoolean();
                    case STRING -> "w" + random.nextInt(4);
                };
                switch (FIELDS.get(field)) {
                    case FLOAT -> b.setDouble(row, field, (Double) value);
                    case INTEGER -> b.setLong(row, field, (Long) value);
                    case BOOLEAN -> b.setBoolean(row, field, (Boolean) value);
                    case STRING -> b.setString(row, field, (String) value);
                }
                model.computeIfAbsent(tags, t -> new TreeMap<>()).computeIfAbsent(field, f -> new TreeMap<>())
                        .put(time, value);
            }
        }
        return b.build();
    }

    private static Map<Tags, Map<String, TreeMap<Long, Object>>> withoutEmpty(Map<Tags, Map<String, TreeMap<Long, Object>>> m) {
        Map<Tags, Map<String, TreeMap<Long, Object>>> out = new TreeMap<>();
        m.forEach((tags, fields) -> fields.forEach((field, points) -> {
            if (!points.isEmpty()) {
                out.computeIfAbsent(tags, t -> new TreeMap<>()).put(field, points);
            }
        }));
        return out;
    }

    private static Map<Tags, Map<String, TreeMap<Long, Object>>> read(LmdbStore store) {
        Map<Tags, Map<String, TreeMap<Long, Object>>> out = new TreeMap<>();
        for (SeriesBatch batch : Scans.all(store, raw("d", "m", Long.MIN_VALUE, Long.MAX_VALUE, List.of(), List.of(), 0))) {
            for (FieldColumn column : batch.columns()) {
                for (int r = 0; r < batch.size(); r++) {
                    if (column.isPresent(r)) {
                        Object twice = out.computeIfAbsent(batch.tags(), t -> new TreeMap<>())
                                .computeIfAbsent(column.name(), f -> new TreeMap<>())
                                .put(batch.times()[r], column.valueAt(r));
                        assertNull(twice, "a point came back twice: " + batch.tags() + " " + batch.times()[r]);
                    }
                }
            }
        }
        return out;
    }

    private void assertChunksAreWholeEncodings() {
        int[] chunks = {0, 0};
        try (LmdbEnvironment lmdb = LmdbEnvironment.open(dir, 1L << 20, 4)) {
            SeriesIndex index = new SeriesIndex(lmdb, new Catalog(lmdb));
            lmdb.read(txn -> {
                PrefixScan.forEach(lmdb.chunks, txn, new byte[0], (key, chunk) -> {
                    assertWholeEncoding(index.tags(txn, Keys.id(Arrays.copyOf(key, 8))),
                            new String(key, 8, key.length - 8 - 1 - 8, StandardCharsets.UTF_8),
                            Keys.blockOfChunkKey(key), chunk);
                    chunks[0]++;
                    return true;
                });
                PrefixScan.forEach(lmdb.openChunks, txn, new byte[0], (prefix, chunk) -> {
                    assertWholeEncoding(index.tags(txn, Keys.id(Arrays.copyOf(prefix, 8))),
                            new String(prefix, 8, prefix.length - 8 - 1, StandardCharsets.UTF_8),
                            FieldChunkWriter.blockOfChunk(chunk), chunk);
                    chunks[1]++;
                    return true;
                });
                return null;
            });
        }
        assertTrue(chunks[0] > 10, "closed chunks: " + chunks[0]);
        assertTrue(chunks[1] > 0 && chunks[1] <= SERIES.size() * FIELDS.size(), "open chunks: " + chunks[1]);
    }

    private void assertWholeEncoding(Tags tags, String field, long block, byte[] chunk) {
        TreeMap<Long, Object> points = new TreeMap<>(model.get(tags).get(field).subMap(block, block + Keys.BLOCK_NANOS));
        assertArrayEquals(ChunkCodec.encode(pointsOf(FIELDS.get(field), points)), chunk,
                tags + " " + field + " block " + block);
    }

    private static ChunkPoints pointsOf(FieldType type, TreeMap<Long, Object> points) {
        ChunkPoints p = ChunkPoints.allocate(type, points.size());
        int i = 0;
        for (Map.Entry<Long, Object> e : points.entrySet()) {
            p.times[i] = e.getKey();
            switch (type) {
                case FLOAT -> p.doubles[i] = (Double) e.getValue();
                case INTEGER -> p.longs[i] = (Long) e.getValue();
                case BOOLEAN -> p.booleans[i] = (Boolean) e.getValue();
                case STRING -> p.strings[i] = (String) e.getValue();
            }
            i++;
        }
        return p;
    }
}
