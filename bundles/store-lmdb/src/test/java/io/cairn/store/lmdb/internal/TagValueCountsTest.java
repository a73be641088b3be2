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
    @TempDir
    Path dir;

    @Test
    void prefixAndFrequencyOrderMatchABruteForceCount() {
        LmdbStore store = LmdbStores.open(dir);
        try {
            Random random = new Random(7);
            Map<String, Long> seriesPerCustomer = new HashMap<>();
            WriteBatch.Builder b = WriteBatch.builder("db", "requests");
            for (int s = 0; s < 3_000; s++) {
                String customer = "cust_" + (int) Math.abs(random.nextGaussian() * 300);
                String endpoint = "/e" + random.nextInt(50);
                if (seriesPerCustomer.containsKey(customer + endpoint)) {
                    continue;
                }
                seriesPerCustomer.put(customer + endpoint, 1L);
                seriesPerCustomer.merge(customer, 1L, Long::sum);
                b.setLong(b.addRow(Tags.of("customer_id", customer, "endpoint", endpoint), 1_000L), "count", 1);
            }
            store.write(b.build());
            for (String prefix : new String[] {"", "cust_1", "cust_12", "cust_9", "nobody"}) {
                List<TagValueCount> expected = new ArrayList<>();
                seriesPerCustomer.forEach((k, n) -> {
                    if (!k.contains("/") && k.startsWith(prefix)) {
                        expected.add(new TagValueCount(k, n));
                    }
                });
                expected.sort(Catalog.MOST_SERIES_FIRST);
                List<TagValueCount> top = expected.subList(0, Math.min(10, expected.size()));
                assertEquals(top, store.tagValueCounts("db", "requests", "customer_id", prefix, 10), prefix);
            }
        } finally {
            store.close();
        }
    }
}
