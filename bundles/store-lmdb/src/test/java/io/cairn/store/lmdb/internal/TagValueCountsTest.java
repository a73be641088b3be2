package io.cairn.store.lmdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.TagValueCount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Autocomplete of tag values by prefix, most series first, against a brute-force count of the series written. */
class TagValueCountsTest {
    private static final String[] PREFIXES = {"", "cust_1", "cust_12", "cust_9", "cust_", "nobody"};

    @TempDir
    Path dir;

    private final Random random = new Random(7);
    private final Map<String, Long> seriesPerCustomer = new HashMap<>();

    @Test
    void prefixAndFrequencyOrderMatchABruteForceCount() {
        LmdbStore store = LmdbStores.open(dir);
        try {
            store.write(newSeries(3_000, 300));
            assertMatchesBruteForce(store, 10);
        } finally {
            store.close();
        }
    }

    @Test
    void countsFollowTheSeriesOfManyWrites() {
        LmdbStore store = LmdbStores.open(dir);
        try {
            for (int write = 0; write < 12; write++) {
                store.write(newSeries(400, 40 + 20 * write));
                for (int limit : new int[] {1, 7, 100, 10_000}) {
                    assertMatchesBruteForce(store, limit);
                }
            }
        } finally {
            store.close();
        }
    }

    @Test
    void aStoreWrittenBeforeTheCountIndexListsItsValuesWhenOpened() {
        LmdbStore store = LmdbStores.open(dir);
        store.write(newSeries(2_000, 200));
        store.close();
        try (LmdbEnvironment lmdb = LmdbEnvironment.open(dir, 64L << 20, 16)) {
            lmdb.write(txn -> {
                lmdb.valueCounts.drop(txn);
                return lmdb.catalog.delete(txn, new byte[] {'v'});
            });
        }
        store = LmdbStores.open(dir);
        try {
            assertMatchesBruteForce(store, 50);
        } finally {
            store.close();
        }
    }

    @Test
    void valuesTooLongForAKeyAreCountedAndListedWithAnEmptyPrefix() {
        String hashed = "h".repeat(600);
        String rehashed = "r".repeat(491); // its postings key fits LMDB, its count key does not
        LmdbStore store = LmdbStores.open(dir);
        try {
            WriteBatch.Builder b = WriteBatch.builder("db", "requests");
            for (int s = 0; s < 6; s++) {
                String value = s < 3 ? hashed : s < 5 ? rehashed : "short";
                b.setLong(b.addRow(Tags.of("k", value, "n", String.valueOf(s)), 1_000L), "count", 1);
            }
            store.write(b.build());
            assertEquals(List.of(new TagValueCount(hashed, 3), new TagValueCount(rehashed, 2),
                    new TagValueCount("short", 1)), store.tagValueCounts("db", "requests", "k", "", 10));
            assertEquals(List.of(new TagValueCount(rehashed, 2)), store.tagValueCounts("db", "requests", "k", "r", 10));
        } finally {
            store.close();
        }
    }

    @Test
    void aTagKeyNameTooLongToListItsValuesByCountStillTakesWritesAndAnswers() {
        String key = "k".repeat(470);
        String value = "v".repeat(40);
        LmdbStore store = LmdbStores.open(dir);
        try {
            for (int s = 0; s < 3; s++) {
                WriteBatch.Builder b = WriteBatch.builder("db", "m");
                b.setLong(b.addRow(Tags.of(key, s < 2 ? value : "w", "n", String.valueOf(s)), 1_000L), "count", 1);
                store.write(b.build());
            }
            assertEquals(List.of(new TagValueCount(value, 2), new TagValueCount("w", 1)),
                    store.tagValueCounts("db", "m", key, "", 10));
            assertEquals(List.of(new TagValueCount("w", 1)), store.tagValueCounts("db", "m", key, "w", 10));
        } finally {
            store.close();
        }
        store = LmdbStores.open(dir);
        store.close();
    }

    /** Returns a batch of up to {@code count} series over customers spread around 0..spread, remembering them. */
    private WriteBatch newSeries(int count, int spread) {
        WriteBatch.Builder b = WriteBatch.builder("db", "requests");
        for (int s = 0; s < count; s++) {
            String customer = "cust_" + (int) Math.abs(random.nextGaussian() * spread);
            String endpoint = "/e" + random.nextInt(50);
            if (seriesPerCustomer.containsKey(customer + endpoint)) {
                continue;
            }
            seriesPerCustomer.put(customer + endpoint, 1L);
            seriesPerCustomer.merge(customer, 1L, Long::sum);
            b.setLong(b.addRow(Tags.of("customer_id", customer, "endpoint", endpoint), 1_000L), "count", 1);
        }
        return b.build();
    }

    private void assertMatchesBruteForce(LmdbStore store, int limit) {
        for (String prefix : PREFIXES) {
            List<TagValueCount> expected = new ArrayList<>();
            seriesPerCustomer.forEach((k, n) -> {
                if (!k.contains("/") && k.startsWith(prefix)) {
                    expected.add(new TagValueCount(k, n));
                }
            });
            expected.sort(Catalog.MOST_SERIES_FIRST);
            List<TagValueCount> top = expected.subList(0, Math.min(limit, expected.size()));
            assertEquals(top, store.tagValueCounts("db", "requests", "customer_id", prefix, limit),
                    prefix + " limit " + limit);
        }
    }
}
