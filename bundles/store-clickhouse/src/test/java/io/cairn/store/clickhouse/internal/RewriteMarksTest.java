package io.cairn.store.clickhouse.internal;

import static io.cairn.store.clickhouse.internal.TestStores.aggregate;
import static io.cairn.store.clickhouse.internal.TestStores.all;
import static io.cairn.store.clickhouse.internal.TestStores.raw;
import static io.cairn.store.clickhouse.internal.TestStores.rows;
import static io.cairn.store.clickhouse.internal.TestStores.tag;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.SeriesBatch;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reads skip FINAL unless a write that may repeat rows (retry, replay, late point, another node's rewrite)
 * marked their time range; the compactor merges marked partitions and clears the marks; every point is read
 * once and the last write of a point wins, with or without FINAL. The stores here never compact by themselves
 * (a quiet time of an hour): the test runs the compactor.
 */
@ExtendWith(ClickHouseServer.class)
class RewriteMarksTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long DAY = 86_400 * SECOND;
    private static final Tags A = Tags.of("host", "a");
    private static final Tags B = Tags.of("host", "b");

    private ClickHouseSettings settings;
    private ClickHouseStore store;
    private ServerConnection server;

    @BeforeEach
    void open() {
        settings = TestStores.settings("marks");
        store = new ClickHouseStore(settings, 3600);
        server = new ServerConnection(settings);
    }

    @AfterEach
    void close() {
        store.close();
        server.close();
        TestStores.drop(settings);
    }

    /** Two series, a row every second from a start, value = base + i. */
    private static WriteBatch batch(long start, int count, double base) {
        WriteBatch.Builder b = WriteBatch.builder("d", "m");
        for (int i = 0; i < count; i++) {
            for (Tags tags : List.of(A, B)) {
                int row = b.addRow(tags, start + i * SECOND);
                b.setDouble(row, "v", base + i);
                b.setLong(row, "n", i);
            }
        }
        return b.build();
    }

    private ScanRequest everything() {
        return raw("d", "m", T0 - DAY, T0 + 2 * DAY, List.of(), List.of("v"), 0);
    }

    private boolean usesFinal(ScanRequest request) {
        return store.describe(request).contains(" FINAL ");
    }

    private int compact() {
        return new PartitionCompactor(server, new RewriteMarks(server), 0).runOnce();
    }

    private double sum(ScanRequest request) {
        ScanRequest sum = aggregate(request.database(), request.measurement(), request.startNanos(),
                request.endNanos(), List.of(), List.of("v"), new Aggregation(0, List.of(), List.of(AggregateFunction.SUM, AggregateFunction.COUNT)));
        return all(store, sum).get(0).column("sum(v)").doubleAt(0);
    }

    @Test
    void appendedDataIsReadWithoutFinal() {
        store.write(batch(T0, 100, 0));
        store.write(batch(T0 + 100 * SECOND, 100, 100));
        assertFalse(usesFinal(everything()), store.describe(everything()));
        assertEquals(400, rows(all(store, everything())));
        assertEquals(2 * (199 * 200 / 2.0), sum(everything()));
        assertEquals(0, compact());
    }

    @Test
    void aRetriedBatchIsReadOnceBeforeAndAfterTheCompactorMergedIt() {
        WriteBatch batch = batch(T0, 100, 0);
        store.write(batch);
        store.write(batch);
        assertTrue(usesFinal(everything()), store.describe(everything()));
        assertEquals(200, rows(all(store, everything())));
        assertEquals(2 * 4950.0, sum(everything()));
        assertEquals(1, compact());
        assertFalse(usesFinal(everything()), store.describe(everything()));
        assertEquals(200, rows(all(store, everything())));
        assertEquals(2 * 4950.0, sum(everything()));
    }

    @Test
    void theStoresOwnCompactorMergesMarkedPartitionsOnceWritesAreQuiet() throws InterruptedException {
        ClickHouseStore compacting = new ClickHouseStore(settings, 0);
        try {
            WriteBatch batch = batch(T0, 50, 0);
            compacting.write(batch);
            compacting.write(batch);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (compacting.describe(everything()).contains(" FINAL ") && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertFalse(compacting.describe(everything()).contains(" FINAL "), "merged and cleared within 30 s");
            assertEquals(100, rows(all(compacting, everything())));
        } finally {
            compacting.close();
        }
    }

    @Test
    void anOutOfOrderRewriteReplacesThePointAndOnlyItsRangeIsReadWithFinal() {
        store.write(batch(T0, 100, 0));
        store.write(batch(T0 + DAY, 100, 0));
        WriteBatch.Builder late = WriteBatch.builder("d", "m");
        late.setDouble(late.addRow(A, T0 + 50 * SECOND), "v", -7);
        store.write(late.build());
        ScanRequest firstDay = raw("d", "m", T0, T0 + 100 * SECOND, List.of(tag("host", "a")), List.of("v", "n"), 0);
        ScanRequest secondDay = raw("d", "m", T0 + DAY, T0 + DAY + 100 * SECOND, List.of(), List.of("v"), 0);
        assertTrue(usesFinal(firstDay));
        assertFalse(usesFinal(secondDay), store.describe(secondDay));
        for (int round = 0; round < 2; round++) {
            List<SeriesBatch> a = all(store, firstDay);
            assertEquals(100, rows(a));
            assertEquals(-7, a.get(0).column("v").doubleAt(50));
            assertEquals(50, a.get(0).column("n").longAt(50), "the other field of the point is kept");
            compact();
            assertFalse(usesFinal(firstDay), store.describe(firstDay));
        }
    }

    @Test
    void anotherStoreRewritingStoredPointsMarksThem() {
        store.write(batch(T0, 100, 0));
        try (ServerConnection unused = new ServerConnection(settings)) {
            ClickHouseStore restarted = new ClickHouseStore(settings, 3600);
            try {
                restarted.write(batch(T0 + 50 * SECOND, 10, 1000));
                assertTrue(restarted.describe(everything()).contains(" FINAL "));
                assertEquals(200, rows(all(restarted, everything())));
                restarted.write(batch(T0 + 200 * SECOND, 10, 0));
                assertEquals(220, rows(all(restarted, everything())));
            } finally {
                restarted.close();
            }
        }
        compact();
        assertFalse(usesFinal(everything()));
        assertEquals(220, rows(all(store, everything())));
        assertEquals(1000, all(store, everything()).get(0).column("v").doubleAt(50));
    }

    @Test
    void aWriteIsMarkedWhenItMayRepeatARowStoredInFlightOrOfAFailedInsert() {
        store.write(batch(T0, 1, 0));
        MeasurementSchema schema = new TableCatalog(server, new SeriesRegistry(server), new RewriteMarks(server)).load("d", "m");
        String qualified = SqlText.identifier(settings.database()) + "." + SqlText.identifier(schema.table());
        RewriteDetector detector = new RewriteDetector(server);
        WriteBatch next = batch(T0 + 10 * SECOND, 5, 0);
        RewriteDetector.Plan first = detector.plan(qualified, schema.table(), next);
        assertNull(first.rewrite(), "later than the table's newest time");
        RewriteDetector.Plan retry = detector.plan(qualified, schema.table(), next);
        assertArrayEquals(new long[] {T0 + 10 * SECOND, T0 + 14 * SECOND}, retry.rewrite(),
                "the same rows while the first insert is in flight");
        detector.finish(retry, true);
        detector.finish(first, false);
        detector.finish(detector.plan(qualified, schema.table(), next), false); // the retry fails again
        RewriteDetector.Plan after = detector.plan(qualified, schema.table(), batch(T0 + 20 * SECOND, 1, 0));
        assertEquals(1, after.failed().size(), "the same range failing twice is one range to mark");
        assertArrayEquals(new long[] {T0 + 10 * SECOND, T0 + 14 * SECOND}, after.failed().get(0),
                "a failed insert may land later: its range is marked before the next write");
        detector.marked(after);
        detector.finish(after, true);
        assertEquals(List.of(), detector.plan(qualified, schema.table(), batch(T0 + 30 * SECOND, 1, 0)).failed());

        RewriteDetector.Plan stored = detector.plan(qualified, schema.table(), batch(T0, 1, 5));
        assertArrayEquals(new long[] {T0, T0}, stored.rewrite(), "a point the table holds");
        RewriteDetector.Plan gap = detector.plan(qualified, schema.table(), batch(T0 + 2 * SECOND, 3, 0));
        assertNull(gap.rewrite(), "late rows into a time range the table holds nothing of need no mark");
        WriteBatch.Builder twice = WriteBatch.builder("d", "m");
        twice.setDouble(twice.addRow(A, T0 + 100 * SECOND), "v", 1);
        twice.setDouble(twice.addRow(A, T0 + 100 * SECOND), "v", 2);
        twice.setDouble(twice.addRow(B, T0 + 99 * SECOND), "v", 2);
        assertArrayEquals(new long[] {T0 + 100 * SECOND, T0 + 100 * SECOND},
                detector.plan(qualified, schema.table(), twice.build()).rewrite(), "two rows of a point in one batch");
    }

    @Test
    void aMarkTakenBecauseOfAnInsertInFlightIsSettledOnlyOnceThatInsertEnded() {
        store.write(batch(T0, 1, 0));
        RewriteMarks marks = new RewriteMarks(server);
        TableCatalog catalog = new TableCatalog(server, new SeriesRegistry(server), marks);
        MeasurementSchema schema = catalog.load("d", "m");
        String table = schema.table();
        String qualified = SqlText.identifier(settings.database()) + "." + SqlText.identifier(table);
        RewriteDetector detector = new RewriteDetector(server);
        BatchInserter inserter = new BatchInserter(server, catalog);
        WriteBatch slow = batch(T0 + 10 * SECOND, 50, 0);
        RewriteDetector.Plan x = detector.plan(qualified, table, slow);
        assertNull(x.rewrite(), "new rows: the slow insert takes no mark");
        RewriteDetector.Plan y = detector.plan(qualified, table, slow);
        long[] range = y.rewrite();
        long mark = marks.mark(table, range[0], range[1]);
        inserter.insert(slow, schema);
        boolean[] waited = {false};
        detector.afterOverlapped(y, w -> {
            waited[0] = w;
            marks.settle(table, mark, range[0], range[1], w);
        });
        detector.finish(y, true);
        assertEquals(0, compact(), "the mark waits for the insert it overlapped");
        inserter.insert(slow, schema); // the slow insert lands after the compactor's round
        detector.finish(x, true);
        assertTrue(waited[0], "settled when the slow insert ended");
        assertTrue(usesFinal(everything()), store.describe(everything()));
        assertEquals(102, rows(all(store, everything())));
        assertEquals(1, compact());
        assertFalse(usesFinal(everything()));
        assertEquals(102, rows(all(store, everything())));
    }

    @Test
    void inASharedDatabaseARewriteOfAnotherNodesPointIsReadOnce() {
        ClickHouseSettings shared = settings.withSharedDatabase(true);
        ClickHouseStore early = new ClickHouseStore(shared, 3600);
        ClickHouseStore later = new ClickHouseStore(shared, 3600);
        try {
            early.write(batch(T0, 10, 0));
            later.write(batch(T0 + 10 * SECOND, 10, 10));
            early.write(batch(T0 + 15 * SECOND, 1, 1000)); // early's own times end at T0+9s: it takes this for new
            assertTrue(later.describe(everything()).contains(" FINAL "), "every read of a shared database uses FINAL");
            for (ClickHouseStore node : List.of(early, later)) {
                List<SeriesBatch> read = all(node, everything());
                assertEquals(40, rows(read));
                assertEquals(1000, read.get(0).column("v").doubleAt(15));
            }
        } finally {
            early.close();
            later.close();
        }
        assertFalse(usesFinal(everything()), "one writing node: the rewrite marks decide");
    }

    @Test
    void marksClearedLongerAgoThanTheKeepTimeAreDeletedByTheCompactor() throws InterruptedException {
        WriteBatch batch = batch(T0, 10, 0);
        store.write(batch);
        store.write(batch);
        String marksTable = SqlText.identifier(settings.database()) + "." + SqlText.identifier(TableCatalog.MARKS);
        String count = "SELECT uniqExact(mark) FROM " + marksTable + " FORMAT TabSeparated";
        assertEquals(1, compact());
        new PartitionCompactor(server, new RewriteMarks(server), 0, 3600).runOnce();
        assertEquals("1", server.rows(count).get(0)[0], "a mark cleared within the hour is kept");
        Thread.sleep(1100); // the marks' times are whole seconds of the server
        new PartitionCompactor(server, new RewriteMarks(server), 0, 0).runOnce();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!server.rows(count).get(0)[0].equals("0") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals("0", server.rows(count).get(0)[0], "deleted (a background mutation) within 30 s");
        assertFalse(usesFinal(everything()));
        assertEquals(20, rows(all(store, everything())));
    }

    @Test
    void aBatchInDescendingTimeWithAPointTwiceKeepsItsLaterValue() {
        WriteBatch.Builder b = WriteBatch.builder("d", "m");
        for (int i = 99; i >= 0; i--) {
            for (Tags tags : List.of(B, A)) {
                b.setDouble(b.addRow(tags, T0 + i * SECOND), "v", i);
            }
        }
        b.setDouble(b.addRow(A, T0 + 7 * SECOND), "v", -7);
        store.write(b.build());
        assertTrue(usesFinal(everything()), "a point twice in one insert is a rewrite");
        for (int round = 0; round < 2; round++) {
            List<SeriesBatch> read = all(store, raw("d", "m", T0, T0 + DAY, List.of(tag("host", "a")), List.of("v"), 0));
            assertEquals(100, rows(read));
            assertEquals(T0 + 7 * SECOND, read.get(0).times()[7]);
            assertEquals(-7, read.get(0).column("v").doubleAt(7));
            assertEquals(8, read.get(0).column("v").doubleAt(8));
            compact();
        }
        assertFalse(usesFinal(everything()));
    }

    @Test
    void rowsArrivingOutOfOrderIntoAGapAreReadWithoutFinal() {
        store.write(batch(T0 + 100 * SECOND, 100, 100));
        store.write(batch(T0, 100, 0));
        assertFalse(usesFinal(everything()), store.describe(everything()));
        assertEquals(400, rows(all(store, everything())));
    }

    @Test
    void aTableOfTheOlderVersionIsAdoptedMergedAndCounted() {
        String table = Names.table("old", "m");
        String qualified = SqlText.identifier(settings.database()) + "." + SqlText.identifier(table);
        store.measurements("old"); // creates the database and the catalog
        server.execute("CREATE TABLE " + qualified + " (series String, field String, time Int64, f64 Float64,"
                + " i64 Int64, str String, t_host String) ENGINE = ReplacingMergeTree PARTITION BY"
                + " toYYYYMMDD(toDateTime(intDiv(time, 1000000000))) ORDER BY (series, field, time)");
        server.execute("INSERT INTO " + SqlText.identifier(settings.database()) + ".cairn_catalog VALUES"
                + " ('old', 'm', 'm', '', '', '" + table + "'), ('old', 'm', 'f', 'v', 'FLOAT', '')");
        for (int copy = 0; copy < 2; copy++) {
            server.execute("INSERT INTO " + qualified + " VALUES ('host=a', 'v', " + T0 + ", 1, 0, '', 'a'),"
                    + " ('host=b', 'v', " + T0 + ", 2, 0, '', 'b')");
        }
        ScanRequest all = raw("old", "m", T0, T0 + 1, List.of(), List.of("v"), 0);
        assertTrue(store.describe(all).contains(" FINAL "));
        assertEquals(2, rows(all(store, all)));
        assertEquals(2, store.seriesCount("old", "m"));
        assertTrue(store.seriesExists("old", "m", B));
        assertEquals(1, compact());
        assertFalse(store.describe(all).contains(" FINAL "), store.describe(all));
        assertEquals(2, rows(all(store, all)));
        assertEquals(Set.of(A, B), Set.copyOf(all(store, all).stream().map(SeriesBatch::tags).toList()));
    }
}
