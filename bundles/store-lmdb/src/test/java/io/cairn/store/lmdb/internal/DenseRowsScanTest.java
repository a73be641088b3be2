package io.cairn.store.lmdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.FieldPredicate;
import io.cairn.api.store.FieldPredicate.Comparison;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.SeriesBatch;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw scans with field predicates and latest rows over dense, regular data of the TSBS shape (every field at
 * every 10 s row, one series missing a field now and then, negative and large values, several blocks, written in
 * pieces): the rows equal a brute-force reference when every batch is checked after the whole scan (the scan
 * reuses its decoding arrays from block to block), latest rows read from the chunks' encoder state included, and
 * columns with a value at every row report every row present.
 */
class DenseRowsScanTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long HOUR = 3600 * SECOND;
    private static final List<String> ALL = List.of("usage", "load", "temp");
    private static final int SERIES = 4;

    @TempDir
    static Path dir;
    private static LmdbStore store;
    private static final ScanReference reference = new ScanReference();

    @BeforeAll
    static void write() {
        store = new LmdbStore(dir, 64L << 20, 16);
        Random random = new Random(5);
        long[] usage = new long[SERIES];
        long first = T0 + 15 * 60 * SECOND;
        long piece = 30 * 60 * SECOND;
        for (int p = 0; p < 7; p++) {
            WriteBatch.Builder b = WriteBatch.builder("d", "cpu");
            for (long t = first + p * piece; t < first + (p + 1) * piece; t += 10 * SECOND) {
                for (int s = 0; s < SERIES; s++) {
                    int row = b.addRow(Tags.of("host", "h" + s), t);
                    usage[s] = Math.max(0, Math.min(100, usage[s] + random.nextInt(21) - 10));
                    b.setLong(row, "usage", usage[s]);
                    b.setDouble(row, "load", (random.nextInt(400) - 100) / 100.0);
                    if (s != SERIES - 1 || random.nextInt(7) != 0) {
                        b.setLong(row, "temp", (random.nextInt(60) - 30) * (s == 1 ? 1_000_000_007L : 1));
                    }
                }
            }
            WriteBatch batch = b.build();
            store.write(batch);
            reference.add(batch);
        }
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static ScanRequest raw(long start, long end, List<String> fields, List<FieldPredicate> where, int latest) {
        return new ScanRequest("d", "cpu", start, end, List.of(), fields, null, 0, where, latest);
    }

    private static List<SeriesBatch> check(ScanRequest request) {
        List<SeriesBatch> batches = Scans.all(store, request);
        assertEquals(reference.raw(request), ScanReference.rowsOf(batches, request.fields()), request.toString());
        return batches;
    }

    @Test
    void predicateScansEqualTheReferenceAcrossBlocks() {
        List<List<FieldPredicate>> wheres = List.of(
                List.of(new FieldPredicate("usage", Comparison.GT, 60)),
                List.of(new FieldPredicate("usage", Comparison.GT, 30), new FieldPredicate("temp", Comparison.LT, 10)),
                List.of(new FieldPredicate("load", Comparison.GE, 2.5)));
        long[][] ranges = {{T0, T0 + 5 * HOUR}, {T0 + HOUR + 7 * SECOND, T0 + 3 * HOUR + 1234 * SECOND}};
        int rows = 0;
        for (long[] range : ranges) {
            for (List<String> fields : List.of(ALL, List.of("temp"), List.of("load", "usage"))) {
                for (List<FieldPredicate> where : wheres) {
                    rows += Scans.rows(check(raw(range[0], range[1], fields, where, 0)));
                }
            }
        }
        assertTrue(rows > 1000, "the predicates select rows in many blocks: " + rows);
    }

    @Test
    void latestRowsEqualTheReference() {
        for (int n : new int[] {1, 2, 400}) {
            for (long end : new long[] {T0 + 5 * HOUR, T0 + 2 * HOUR + 5 * SECOND, T0 + 3 * HOUR}) {
                check(raw(T0, end, ALL, List.of(), n));
                check(raw(T0, end, List.of("temp", "usage"), List.of(), n));
                check(raw(T0, end, ALL, List.of(new FieldPredicate("usage", Comparison.LE, 50)), n));
            }
        }
        assertEquals(SERIES, check(raw(T0, T0 + 5 * HOUR, ALL, List.of(), 1)).size());
    }

    @Test
    void columnsWithAValueAtEveryRowHaveNoGaps() {
        ScanRequest hot = raw(T0, T0 + 5 * HOUR, ALL, List.of(new FieldPredicate("usage", Comparison.GT, 50)), 0);
        int checked = 0;
        for (SeriesBatch b : check(hot)) {
            for (FieldColumn c : b.columns()) {
                boolean dense = !b.tags().get("host").equals("h" + (SERIES - 1)) || !c.name().equals("temp");
                for (int r = 0; dense && r < b.size(); r++) {
                    assertTrue(c.isPresent(r), c.name() + " of " + b.tags() + " at row " + r);
                    checked++;
                }
            }
        }
        assertTrue(checked > 1000, "dense cells checked: " + checked);
    }
}
