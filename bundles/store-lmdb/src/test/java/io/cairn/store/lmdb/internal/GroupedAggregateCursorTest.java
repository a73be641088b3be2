package io.cairn.store.lmdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.SeriesBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grouping by a key with thousands of values (5,000 matching series, more than
 * {@link GroupedAggregateCursor#MIN_SERIES}), streamed group by group, against counts made by hand.
 */
class GroupedAggregateCursorTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final Aggregation COUNT_BY_CUSTOMER =
            new Aggregation(0, List.of("customer"), List.of(AggregateFunction.COUNT, AggregateFunction.SUM));

    @TempDir
    Path dir;
    private LmdbStore store;
    private final Map<String, double[]> expected = new TreeMap<>();

    @BeforeEach
    void write() {
        store = new LmdbStore(dir, 64L << 20, 16, 100);
        WriteBatch.Builder b = WriteBatch.builder("d", "m");
        for (int i = 0; i < 15_000; i++) {
            Tags tags = i % 10 == 9 ? Tags.of("region", "r" + i % 3, "n", String.valueOf(i))
                    : Tags.of("customer", "c" + i / 2, "region", "r" + i % 3);
            for (int p = 0; p <= i % 7; p++) {
                b.setDouble(b.addRow(tags, T0 + p * SECOND), "v", p);
                if (i % 3 == 1) {
                    double[] acc = expected.computeIfAbsent(tags.get("customer") == null ? "" : tags.get("customer"),
                            c -> new double[2]);
                    acc[0]++;
                    acc[1] += p;
                }
            }
        }
        store.write(b.build());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ScanCursor scan() {
        return store.scan(Scans.aggregate("d", "m", T0, T0 + 60 * SECOND, List.of(Scans.tag("region", "r1")),
                List.of("v"), COUNT_BY_CUSTOMER));
    }

    @Test
    void everyGroupComesOnceInTagOrderWithItsAggregates() {
        Map<String, double[]> actual = new TreeMap<>();
        List<Tags> order = new ArrayList<>();
        for (SeriesBatch b : Scans.all(store, Scans.aggregate("d", "m", T0, T0 + 60 * SECOND,
                List.of(Scans.tag("region", "r1")), List.of("v"), COUNT_BY_CUSTOMER))) {
            order.add(b.tags());
            String customer = b.tags().get("customer") == null ? "" : b.tags().get("customer");
            actual.put(customer, new double[] {b.column("count(v)").doubleAt(0), b.column("sum(v)").doubleAt(0)});
        }
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((c, acc) -> {
            assertEquals(acc[0], actual.get(c)[0], c);
            assertEquals(acc[1], actual.get(c)[1], c);
        });
        assertEquals(order.stream().sorted().toList(), order);
        assertEquals(Tags.EMPTY, order.get(0));
    }

    @Test
    void aCursorClosedEarlyEndsItsReadAndTheStoreGoesOn() {
        try (ScanCursor cursor = scan()) {
            assertInstanceOf(GroupedAggregateCursor.class, cursor);
            for (int i = 0; i < 5; i++) {
                cursor.next();
            }
            cursor.close();
            assertNull(cursor.next());
        }
        WriteBatch.Builder other = WriteBatch.builder("d", "other");
        other.setDouble(other.addRow(Tags.of("customer", "new"), T0), "v", 1);
        store.write(other.build());
        assertEquals(1, store.seriesCount("d", "other"));
        assertEquals(expected.size(), Scans.all(store, Scans.aggregate("d", "m", T0, T0 + 60 * SECOND,
                List.of(Scans.tag("region", "r1")), List.of("v"), COUNT_BY_CUSTOMER)).size());
    }
}
