package io.cairn.store.clickhouse.internal;

import static io.cairn.store.clickhouse.internal.TestStores.all;
import static io.cairn.store.clickhouse.internal.TestStores.raw;
import static io.cairn.store.clickhouse.internal.TestStores.rows;
import static io.cairn.store.clickhouse.internal.TestStores.tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.SeriesBatch;
import io.cairn.api.store.StoreCapability;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ClickHouseServer.class)
class ClickHouseStoreTest {
    static final long T0 = 1_700_000_000_000_000_000L;
    static final long SECOND = 1_000_000_000L;
    private static final Tags A = Tags.of("host", "a", "region", "eu");
    private static final Tags B = Tags.of("host", "b", "region", "eu");
    private static final Tags C = Tags.of("host", "c", "region", "us");

    private static ClickHouseSettings settings;
    private static ClickHouseStore store;

    @BeforeAll
    static void open() {
        settings = TestStores.settings("store");
        store = new ClickHouseStore(settings);
        store.write(cpuBatch("d"));
    }

    @AfterAll
    static void close() {
        store.close();
        TestStores.drop(settings);
    }

    /** 500 rows per series, every 10 s; note only on even rows. */
    static WriteBatch cpuBatch(String db) {
        WriteBatch.Builder b = WriteBatch.builder(db, "cpu");
        for (int i = 0; i < 500; i++) {
            for (Tags tags : List.of(A, B, C)) {
                int row = b.addRow(tags, T0 + i * 10 * SECOND);
                b.setDouble(row, "usage", i + tags.get("host").charAt(0) / 1000.0);
                b.setLong(row, "count", i);
                b.setBoolean(row, "ok", i % 3 == 0);
                if (i % 2 == 0) {
                    b.setString(row, "note", "n" + (i % 5));
                }
            }
        }
        return b.build();
    }

    private static long countRows(String db, List<String> fields, long start, long end) {
        return rows(all(store, raw(db, "cpu", start, end, List.of(), fields, 0)));
    }

    @Test
    void declaresEveryCapabilityAndIsHealthy() {
        assertEquals(EnumSet.allOf(StoreCapability.class), store.capabilities());
        assertEquals("clickhouse", store.name());
        assertTrue(store.health().healthy(), store.health().detail());
        assertTrue(store.health().detail().contains("ClickHouse 1"), store.health().detail());
    }

    @Test
    void everyFieldTypeRoundTrips() {
        WriteBatch.Builder b = WriteBatch.builder("types", "m");
        double[] doubles = {0.1, -0.0, Double.MAX_VALUE, Double.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NaN, -1e-300};
        long[] longs = {0, -1, Long.MAX_VALUE, Long.MIN_VALUE, 42, 1L << 53 | 1, -7};
        String[] strings = {"", "plain", "tab\tnew\nline", "quote ' back \\ tick `", "é😀", "\0nul", "x".repeat(10_000)};
        for (int i = 0; i < doubles.length; i++) {
            int row = b.addRow(Tags.of("k", "v"), T0 + i);
            b.setDouble(row, "f", doubles[i]);
            b.setLong(row, "i", longs[i]);
            b.setBoolean(row, "b", i % 2 == 0);
            b.setString(row, "s", strings[i]);
        }
        store.write(b.build());
        List<SeriesBatch> read = all(store, raw("types", "m", T0, T0 + 100, List.of(), List.of("f", "i", "b", "s"), 0));
        assertEquals(1, read.size());
        SeriesBatch batch = read.get(0);
        assertEquals(Tags.of("k", "v"), batch.tags());
        assertEquals(doubles.length, batch.size());
        for (int i = 0; i < doubles.length; i++) {
            assertEquals(T0 + i, batch.times()[i]);
            assertEquals(Double.doubleToLongBits(doubles[i] == -0.0 ? -0.0 : doubles[i]),
                    Double.doubleToLongBits(batch.column("f").doubleAt(i)), "double " + i);
            assertEquals(longs[i], batch.column("i").longAt(i));
            assertEquals(i % 2 == 0, batch.column("b").booleanAt(i));
            assertEquals(strings[i], batch.column("s").stringAt(i));
        }
        assertEquals(Map.of("b", FieldType.BOOLEAN, "f", FieldType.FLOAT, "i", FieldType.INTEGER, "s", FieldType.STRING),
                store.fields("types", "m"));
    }

    @Test
    void tagFilterSelectsSeriesAndProjectionSelectsFields() {
        List<SeriesBatch> eu = all(store, raw("d", "cpu", T0, T0 + 10_000 * SECOND,
                List.of(tag("region", "eu")), List.of("usage"), 0));
        assertEquals(Set.of(A, B), eu.stream().map(SeriesBatch::tags).collect(Collectors.toSet()));
        assertEquals(1000, rows(eu));
        for (SeriesBatch batch : eu) {
            assertEquals(1, batch.columns().size());
            FieldColumn usage = batch.column("usage");
            double offset = batch.tags().get("host").charAt(0) / 1000.0;
            for (int r = 0; r < batch.size(); r++) {
                long i = (batch.times()[r] - T0) / (10 * SECOND);
                assertEquals(i + offset, usage.doubleAt(r), 1e-9);
                assertTrue(r == 0 || batch.times()[r] > batch.times()[r - 1]);
            }
        }
        List<SeriesBatch> in = all(store, raw("d", "cpu", T0, T0 + 10_000 * SECOND,
                List.of(tag("host", "a", "c")), List.of("count"), 0));
        assertEquals(Set.of(A, C), in.stream().map(SeriesBatch::tags).collect(Collectors.toSet()));
        List<SeriesBatch> both = all(store, raw("d", "cpu", T0, T0 + 10_000 * SECOND,
                List.of(tag("region", "eu"), tag("host", "b", "c")), List.of(), 0));
        assertEquals(Set.of(B), both.stream().map(SeriesBatch::tags).collect(Collectors.toSet()));
        assertEquals(Set.of("count", "note", "ok", "usage"),
                both.get(0).columns().stream().map(FieldColumn::name).collect(Collectors.toSet()));
        assertTrue(all(store, raw("d", "cpu", T0, T0 + 10_000 * SECOND,
                List.of(tag("region", "asia")), List.of("usage"), 0)).isEmpty());
        assertTrue(all(store, raw("d", "cpu", T0, T0 + 10_000 * SECOND,
                List.of(tag("nokey", "x")), List.of("usage"), 0)).isEmpty());
    }

    @Test
    void timeRangeIsStartInclusiveEndExclusive() {
        assertEquals(3 * 500, countRows("d", List.of("usage"), T0, T0 + 5000 * SECOND));
        assertEquals(3 * 10, countRows("d", List.of("usage"), T0 + 100 * SECOND, T0 + 200 * SECOND));
        assertEquals(3 * 11, countRows("d", List.of("usage"), T0 + 100 * SECOND, T0 + 200 * SECOND + 1));
        assertEquals(0, countRows("d", List.of("usage"), T0 - 100 * SECOND, T0));
    }

    @Test
    void rawScanReturnsOnlyRowsWithARequestedFieldAndStopsAtTheLimit() {
        List<SeriesBatch> notes = all(store, raw("d", "cpu", T0, T0 + 5000 * SECOND,
                List.of(tag("host", "a")), List.of("note"), 0));
        assertEquals(250, rows(notes));
        assertEquals("n2", notes.get(0).column("note").stringAt(1));
        List<SeriesBatch> mixed = all(store, raw("d", "cpu", T0, T0 + 20 * SECOND,
                List.of(tag("host", "a")), List.of("note", "ok"), 0));
        FieldColumn note = mixed.get(0).column("note");
        assertEquals(2, mixed.get(0).size());
        assertTrue(note.isPresent(0));
        assertFalse(note.isPresent(1));
        assertEquals(true, mixed.get(0).column("ok").booleanAt(0));
        assertEquals(7, rows(all(store, raw("d", "cpu", T0, T0 + 5000 * SECOND, List.of(), List.of("usage", "note"), 7))));
        assertEquals(1234, rows(all(store, raw("d", "cpu", T0, T0 + 5000 * SECOND, List.of(), List.of("usage"), 1234))));
    }

    @Test
    void unknownMeasurementScansNothingAndCursorClosesTwice() {
        ScanCursor cursor = store.scan(raw("d", "nope", T0, T0 + SECOND, List.of(), List.of("usage"), 0));
        assertNull(cursor.next());
        cursor.close();
        cursor.close();
        ScanCursor open = store.scan(raw("d", "cpu", T0, T0 + 5000 * SECOND, List.of(), List.of("usage"), 0));
        assertTrue(open.next().size() > 0);
        open.close();
        open.close();
        assertNull(open.next());
    }

    @Test
    void catalogComesFromSqlAndSystemTables() {
        WriteBatch.Builder other = WriteBatch.builder("e", "mem");
        other.setLong(other.addRow(Tags.EMPTY, T0), "used", 5);
        store.write(other.build());
        assertTrue(store.databases().containsAll(List.of("d", "e")), store.databases().toString());
        assertEquals(List.of("cpu"), store.measurements("d"));
        assertEquals(List.of("host", "region"), store.tagKeys("d", "cpu"));
        assertEquals(List.of("a", "b", "c"), store.tagValues("d", "cpu", "host", 10));
        assertEquals(List.of("a", "b"), store.tagValues("d", "cpu", "host", 2));
        assertEquals(Map.of("count", FieldType.INTEGER, "note", FieldType.STRING, "ok", FieldType.BOOLEAN,
                "usage", FieldType.FLOAT), store.fields("d", "cpu"));
        assertEquals(3, store.seriesCount("d", "cpu"));
        assertEquals(1, store.seriesCount("e", "mem"));
        assertTrue(store.seriesExists("d", "cpu", B));
        assertTrue(store.seriesExists("e", "mem", Tags.EMPTY));
        assertFalse(store.seriesExists("d", "cpu", Tags.of("host", "z")));
        assertEquals(List.of(), store.tagKeys("e", "mem"));
        assertEquals(List.of(), store.measurements("nothing"));
        assertEquals(Map.of(), store.fields("d", "nothing"));
        assertEquals(0, store.seriesCount("d", "nothing"));
        assertTrue(store.stats().get("rows").longValue() > 0);
    }

    @Test
    void writingTheSameBatchAgainChangesNothingAndLaterValuesWin() {
        WriteBatch twice = cpuBatch("again");
        store.write(twice);
        store.write(twice);
        store.write(twice);
        assertEquals(1500, countRows("again", List.of("usage"), T0, T0 + 5000 * SECOND));
        assertEquals(3, store.seriesCount("again", "cpu"));
        WriteBatch.Builder b = WriteBatch.builder("again", "cpu");
        b.setDouble(b.addRow(A, T0 + 10 * SECOND), "usage", -1);
        b.setDouble(b.addRow(A, T0 + 10 * SECOND), "usage", -2);
        store.write(b.build());
        List<SeriesBatch> a = all(store, raw("again", "cpu", T0 + 10 * SECOND, T0 + 11 * SECOND,
                List.of(tag("host", "a")), List.of("usage", "count"), 0));
        assertEquals(1, rows(a));
        assertEquals(-2, a.get(0).column("usage").doubleAt(0));
        assertEquals(1, a.get(0).column("count").longAt(0));
    }

    @Test
    void typeConflictIsRejectedAndWritesNothingOfTheBatch() {
        WriteBatch.Builder b = WriteBatch.builder("d", "cpu");
        int row = b.addRow(Tags.of("host", "new", "zone", "z1"), T0 + 7);
        b.setDouble(row, "fresh", 1);
        b.setLong(row, "usage", 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.write(b.build()));
        assertTrue(e.getMessage().contains("usage") && e.getMessage().contains("FLOAT")
                && e.getMessage().contains("INTEGER"), e.getMessage());
        assertEquals(3, store.seriesCount("d", "cpu"));
        assertFalse(store.fields("d", "cpu").containsKey("fresh"));
        assertEquals(List.of("a", "b", "c"), store.tagValues("d", "cpu", "host", 10));
    }

    @Test
    void newTagKeysAddColumnsAndOldSeriesLackThem() {
        WriteBatch.Builder b = WriteBatch.builder("grow", "m");
        b.setDouble(b.addRow(Tags.of("a", "1"), T0), "v", 1);
        store.write(b.build());
        WriteBatch.Builder later = WriteBatch.builder("grow", "m");
        later.setDouble(later.addRow(Tags.of("a", "2", "b", "x"), T0), "v", 2);
        store.write(later.build());
        assertEquals(List.of("a", "b"), store.tagKeys("grow", "m"));
        List<SeriesBatch> withB = all(store, raw("grow", "m", T0, T0 + 1, List.of(tag("b", "x")), List.of(), 0));
        assertEquals(List.of(Tags.of("a", "2", "b", "x")), withB.stream().map(SeriesBatch::tags).toList());
        assertEquals(2, rows(all(store, raw("grow", "m", T0, T0 + 1, List.of(), List.of("v"), 0))));
    }

    @Test
    void valuesThatLookLikeServerErrorsAreData() {
        String looksLikeAnError = "Code: 1, e.displayText() = DB::Exception: not an error";
        WriteBatch.Builder b = WriteBatch.builder("lookalike", "m");
        int row = b.addRow(Tags.of("host", looksLikeAnError), 1_000L);
        b.setString(row, "s", looksLikeAnError);
        store.write(b.build());
        assertEquals(List.of(looksLikeAnError), store.tagValues("lookalike", "m", "host", 10));
        List<SeriesBatch> read = all(store, raw("lookalike", "m", 0, 2_000, List.of(), List.of(), 0));
        assertEquals(Tags.of("host", looksLikeAnError), read.get(0).tags());
        assertEquals(looksLikeAnError, read.get(0).column("s").stringAt(0));
    }

    @Test
    void anErrorInTheMiddleOfAResponseIsUnavailabilityNotData() {
        try (ServerConnection server = new ServerConnection(settings);
                TsvFields rows = new TsvFields(server.stream("SELECT number, throwIf(number = 300000) FROM system.numbers"
                        + " LIMIT 400000 FORMAT TabSeparated"), 2)) {
            assertEquals("0", rows.next()[0]);
            assertThrows(io.cairn.api.store.StoreUnavailableException.class, rows::all);
            assertThrows(io.cairn.api.store.StoreUnavailableException.class, () -> server.rows(
                    "SELECT number, throwIf(number = 300000) FROM system.numbers LIMIT 400000 FORMAT TabSeparated"));
        }
    }

    @Test
    void describeShowsThePushedSql() {
        String sql = store.describe(raw("d", "cpu", T0, T0 + SECOND, List.of(tag("host", "a'b")), List.of("usage"), 5));
        assertTrue(sql.contains("` WHERE time >= " + T0 + " AND time < " + (T0 + SECOND)), sql); // no FINAL: no rewrite

        assertTrue(sql.contains("`t_host` IN ('a\\'b')"), sql);
        assertTrue(sql.contains("LIMIT 5"), sql);
        assertTrue(store.describe(raw("d", "nope", T0, T0 + SECOND, List.of(), List.of(), 0)).startsWith("--"));
    }
}
