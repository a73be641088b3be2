package io.cairn.store.lmdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.FieldPredicate;
import io.cairn.api.store.FieldPredicate.Comparison;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.TagPredicate;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streamed grouped aggregation ({@link GroupedAggregateCursor}) with field predicates, against brute force. */
class GroupedFieldFilterTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long MINUTE = 60_000_000_000L;
    private static final int SERIES = 4500;

    @TempDir
    static Path dir;
    private static LmdbStore store;
    private static final ScanReference reference = new ScanReference();

    @BeforeAll
    static void write() {
        store = new LmdbStore(dir, 64L << 20, 16);
        Random random = new Random(5);
        WriteBatch.Builder b = WriteBatch.builder("d", "m");
        for (int i = 0; i < SERIES; i++) {
            Tags tags = Tags.of("g", "g" + i % 37, "i", String.valueOf(i));
            for (long t = T0 + random.nextInt(30) * MINUTE; t < T0 + 150 * MINUTE; t += (20 + random.nextInt(40)) * MINUTE) {
                int row = b.addRow(tags, t);
                b.setDouble(row, "v", random.nextInt(1000) / 10.0);
                if (random.nextBoolean()) {
                    b.setLong(row, "n", random.nextInt(100));
                }
            }
        }
        WriteBatch batch = b.build();
        store.write(batch);
        reference.add(batch);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void groupsStreamedByOneKeyAggregateOnlyTheSelectedRows() {
        List<AggregateFunction> basic = Arrays.stream(AggregateFunction.values()).filter(AggregateFunction::isBasic)
                .toList();
        Set<String> mostGroups = IntStream.range(1, 37).mapToObj(g -> "g" + g).collect(Collectors.toSet());
        for (List<TagPredicate> tags : List.of(List.<TagPredicate>of(), List.of(new TagPredicate("g", mostGroups)))) {
            for (List<FieldPredicate> where : List.of(List.of(new FieldPredicate("v", Comparison.GT, 60)),
                    List.of(new FieldPredicate("n", Comparison.LT, 30), new FieldPredicate("v", Comparison.LE, 80)))) {
                for (long bucket : new long[] {0, 60 * MINUTE}) {
                    ScanRequest request = new ScanRequest("d", "m", T0 + 10 * MINUTE, T0 + 140 * MINUTE, tags,
                            List.of("v", "n"), new Aggregation(bucket, List.of("g"), basic), 0, where, 0);
                    try (ScanCursor cursor = store.scan(request)) {
                        assertInstanceOf(GroupedAggregateCursor.class, cursor);
                    }
                    Map<String, Double> expected = reference.aggregate(request);
                    Map<String, Double> actual = ScanReference.cellsOf(Scans.all(store, request));
                    ScanReference.assertSameCells(expected, actual, request.toString());
                }
            }
        }
    }
}
