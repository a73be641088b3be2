package io.cairn.store.clickhouse.internal;

import static io.cairn.store.clickhouse.internal.TestStores.all;
import static io.cairn.store.clickhouse.internal.TestStores.raw;
import static io.cairn.store.clickhouse.internal.TestStores.rows;
import static io.cairn.store.clickhouse.internal.TestStores.tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.SeriesBatch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ClickHouseServer.class)
class RetentionAndEscapingTest {
    static final long DAY = 86_400L * 1_000_000_000L;
    static final long T0 = 19_000 * DAY;
    private static final String HOSTILE = "it's a \\ \"test\"\n\t`x` '); DROP DATABASE system; --";

    private static ClickHouseSettings settings;
    private static ClickHouseStore store;
    private static ServerConnection server;

    @BeforeAll
    static void open() {
        settings = TestStores.settings("retention");
        store = new ClickHouseStore(settings);
        server = new ServerConnection(settings);
    }

    @AfterAll
    static void close() {
        store.close();
        TestStores.drop(settings);
        server.close();
    }

    @Test
    void deleteBeforeDropsWholeDaysAndTrimsTheOneItCuts() {
        WriteBatch.Builder b = WriteBatch.builder("d", "m");
        for (int hour = 0; hour < 24 * 5; hour++) {
            for (Tags tags : List.of(Tags.of("h", "a"), Tags.of("h", "b"))) {
                b.setDouble(b.addRow(tags, T0 + hour * DAY / 24), "v", hour);
            }
        }
        store.write(b.build());
        assertEquals(5, partitions());
        long cutoff = T0 + 2 * DAY + DAY / 2;
        assertEquals(2 * 60, store.deleteBefore("d", "m", cutoff));
        assertEquals(3, partitions());
        List<SeriesBatch> left = all(store, raw("d", "m", Long.MIN_VALUE, Long.MAX_VALUE, List.of(), List.of("v"), 0));
        assertEquals(2 * 60, rows(left));
        assertTrue(left.stream().allMatch(x -> x.times()[0] >= cutoff));
        assertEquals(0, store.deleteBefore("d", "m", cutoff));
        assertEquals(0, store.deleteBefore("d", "nothing", cutoff));
        assertEquals(2 * 60, store.deleteBefore("d", "m", Long.MAX_VALUE));
        assertEquals(0, rows(all(store, raw("d", "m", Long.MIN_VALUE, Long.MAX_VALUE, List.of(), List.of("v"), 0))));
        assertEquals(0, partitions());
    }

    private static long partitions() {
        return Long.parseLong(server.rows("SELECT uniqExact(partition) FROM system.parts WHERE active AND database = "
                + SqlText.literal(settings.database()) + " AND table = " + SqlText.literal(Names.table("d", "m"))
                + " FORMAT TabSeparated").get(0)[0]);
    }

    @Test
    void hostileNamesAndValuesAreStoredAndFoundVerbatim() {
        String db = "db.with-dots";
        String measurement = HOSTILE + " measurement";
        String longKey = "k-" + "é".repeat(49);
        Tags tags = Tags.of(HOSTILE, HOSTILE + "value", "plain", "x'y", "é😀 key", "\\", longKey, "long");
        WriteBatch.Builder b = WriteBatch.builder(db, measurement);
        int row = b.addRow(tags, T0);
        b.setString(row, HOSTILE + "field", HOSTILE);
        b.setDouble(row, "v", 1.5);
        store.write(b.build());
        assertTrue(store.measurements(db).contains(measurement));
        assertEquals(List.of(HOSTILE, longKey, "plain", "é😀 key"), store.tagKeys(db, measurement));
        assertEquals(List.of("long"), store.tagValues(db, measurement, longKey, 5));
        assertEquals(List.of(HOSTILE + "value"), store.tagValues(db, measurement, HOSTILE, 5));
        assertEquals(Map.of(HOSTILE + "field", FieldType.STRING, "v", FieldType.FLOAT), store.fields(db, measurement));
        assertTrue(store.seriesExists(db, measurement, tags));
        List<SeriesBatch> found = all(store, raw(db, measurement, T0, T0 + 1,
                List.of(tag(HOSTILE, HOSTILE + "value", "other'"), tag("plain", "x'y")), List.of(HOSTILE + "field"), 0));
        assertEquals(1, found.size());
        assertEquals(tags, found.get(0).tags());
        assertEquals(HOSTILE, found.get(0).column(HOSTILE + "field").stringAt(0));
        List<SeriesBatch> grouped = all(store, new io.cairn.api.store.ScanRequest(db, measurement, T0, T0 + 1,
                List.of(tag("é😀 key", "\\")), List.of("v"), new Aggregation(0, List.of(HOSTILE), List.of(AggregateFunction.SUM)), 0));
        assertEquals(Tags.of(HOSTILE, HOSTILE + "value"), grouped.get(0).tags());
        assertEquals(1.5, grouped.get(0).column("sum(v)").doubleAt(0));
        assertTrue(Long.parseLong(server.rows("SELECT count() FROM system.databases WHERE name = 'system' FORMAT TabSeparated")
                .get(0)[0]) == 1);
    }
}
