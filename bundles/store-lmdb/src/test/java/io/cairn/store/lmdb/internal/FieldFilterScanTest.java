package io.cairn.store.lmdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.FieldPredicate;
import io.cairn.api.store.FieldPredicate.Comparison;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.StoreCapability;
import io.cairn.api.store.TagPredicate;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw scans with field predicates and latest rows per series, and aggregations with field predicates, over random
 * sparse data (several series, float, integer and boolean fields, chunk boundaries crossed, points rewritten in
 * open and closed chunks) compared with a brute-force reference.
 */
class FieldFilterScanTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long HOUR = 3600 * SECOND;
    private static final List<String> ALL = List.of("a", "b", "c", "ok");
    private static final List<AggregateFunction> BASIC = Arrays.stream(AggregateFunction.values())
            .filter(AggregateFunction::isBasic).toList();

    @TempDir
    static Path dir;
    private static LmdbStore store;
    private static final ScanReference reference = new ScanReference();

    @BeforeAll
    static void write() {
        store = new LmdbStore(dir, 64L << 20, 16);
        Random random = new Random(11);
        for (int batch = 0; batch < 6; batch++) {
            long from = batch < 5 ? T0 + batch * HOUR : T0;
            long to = batch < 5 ? from + 90 * 60 * SECOND : T0 + 2 * HOUR;
            write(random, from, to, batch < 5 ? 8 : 60);
        }
    }

    /** Writes rows to every series at random times of a 5 s grid in [from, to), about one per {@code step} grid points. */
    private static void write(Random random, long from, long to, int step) {
        WriteBatch.Builder b = WriteBatch.builder("d", "m");
        for (int s = 0; s < 6; s++) {
            Tags tags = Tags.of("host", "h" + s, "dc", s % 2 == 0 ? "x" : "y");
            for (long t = from + 5 * SECOND * random.nextInt(step); t < to; t += 5 * SECOND * (1 + random.nextInt(step))) {
                int row = b.addRow(tags, t);
                boolean any = false;
                if (random.nextInt(10) < 9 - s) {
                    b.setDouble(row, "a", Math.round(random.nextGaussian() * 200 + 500) / 10.0);
                    any = true;
                }
                if (random.nextInt(10) < 6) {
                    b.setLong(row, "b", random.nextInt(201) - 100);
                    any = true;
                }
                if (random.nextInt(10) < 4) {
                    b.setDouble(row, "c", random.nextDouble() * 100);
                    any = true;
                }
                if (random.nextInt(10) < 3 || !any) {
                    b.setBoolean(row, "ok", random.nextBoolean());
                }
            }
        }
        WriteBatch written = b.build();
        store.write(written);
        reference.add(written);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static FieldPredicate p(String field, Comparison op, double value) {
        return new FieldPredicate(field, op, value);
    }

    private static ScanRequest raw(long start, long end, List<String> fields, List<FieldPredicate> where, int latest) {
        return new ScanRequest("d", "m", start, end, List.of(), fields, null, 0, where, latest);
    }

    private static void checkRaw(ScanRequest request) {
        Map<Tags, List<List<Object>>> expected = reference.raw(request);
        assertEquals(expected, ScanReference.rowsOf(Scans.all(store, request), request.fields()), request.toString());
    }

    private static final List<List<FieldPredicate>> WHERE = List.of(
            List.of(),
            List.of(p("a", Comparison.GT, 50)),
            List.of(p("a", Comparison.GT, 50), p("b", Comparison.LE, 0)),
            List.of(p("c", Comparison.GE, 30), p("c", Comparison.LT, 60)),
            List.of(p("b", Comparison.EQ, 7)),
            List.of(p("b", Comparison.NE, 7), p("a", Comparison.LT, 45)),
            List.of(p("b", Comparison.GE, 99)));

    private static final List<long[]> RANGES = List.of(
            new long[] {T0 - HOUR, T0 + 10 * HOUR},
            new long[] {T0 + 80 * 60 * SECOND + 5 * SECOND, T0 + 4 * HOUR + 1234 * SECOND},
            new long[] {T0 + 30 * 60 * SECOND, T0 + 5 * HOUR + 20 * 60 * SECOND});

    private static final List<List<String>> FIELDS = List.of(ALL, List.of("b", "ok"), List.of("c"),
            List.of("a", "b", "c"));

    @Test
    void declaresFieldFilterAndLatest() {
        assertTrue(store.capabilities().containsAll(List.of(StoreCapability.FIELD_FILTER, StoreCapability.LATEST)));
    }

    @Test
    void rawRowsMeetEveryPredicate() {
        for (long[] range : RANGES) {
            for (List<String> fields : FIELDS) {
                for (List<FieldPredicate> where : WHERE) {
                    checkRaw(raw(range[0], range[1], fields, where, 0));
                }
            }
        }
        assertTrue(Scans.rows(Scans.all(store, raw(T0, T0 + 10 * HOUR, List.of("c"),
                List.of(p("a", Comparison.GT, 50)), 0))) > 100, "a predicate on a field not returned selects rows");
    }

    @Test
    void latestRowsPerSeriesWithAndWithoutPredicates() {
        for (int n : new int[] {1, 3}) {
            for (long[] range : RANGES) {
                for (List<String> fields : FIELDS) {
                    for (List<FieldPredicate> where : WHERE) {
                        checkRaw(raw(range[0], range[1], fields, where, n));
                    }
                }
            }
        }
        ScanRequest last = raw(T0 - HOUR, T0 + 10 * HOUR, List.of("a", "b", "c"), List.of(), 1);
        assertEquals(6, Scans.all(store, last).size());
    }

    @Test
    void predicatesOnFieldsWithoutNumbersSelectNothing() {
        assertEquals(0, Scans.all(store, raw(T0, T0 + 10 * HOUR, ALL, List.of(p("ok", Comparison.NE, 5)), 0)).size());
        assertEquals(0, Scans.all(store, raw(T0, T0 + 10 * HOUR, ALL, List.of(p("nope", Comparison.NE, 5)), 2)).size());
    }

    @Test
    void theLimitCountsSelectedRows() {
        ScanRequest request = new ScanRequest("d", "m", T0, T0 + 10 * HOUR, List.of(), ALL, null, 25,
                List.of(p("a", Comparison.GT, 50)), 0);
        List<List<Object>> all = reference.raw(request).values()
                .stream().flatMap(List::stream).toList();
        assertTrue(all.size() > 25);
        assertEquals(25, Scans.rows(Scans.all(store, request)));
        ScanRequest latest = new ScanRequest("d", "m", T0, T0 + 10 * HOUR, List.of(), ALL, null, 10, List.of(), 3);
        assertEquals(10, Scans.rows(Scans.all(store, latest)), "3 latest rows of 6 series, cut at 10");
    }

    @Test
    void aggregationsSeeOnlyTheSelectedRows() {
        for (long bucket : new long[] {0, 20 * 60 * SECOND}) {
            for (List<String> groupBy : List.of(List.<String>of(), List.of("dc"), List.of("host"))) {
                for (long[] range : RANGES) {
                    for (List<FieldPredicate> where : WHERE) {
                        for (List<TagPredicate> tags : List.of(List.<TagPredicate>of(), List.of(Scans.tag("dc", "y")))) {
                            checkAggregate(new ScanRequest("d", "m", range[0], range[1], tags, ALL,
                                    new Aggregation(bucket, groupBy, BASIC), 0, where, 0));
                        }
                    }
                }
            }
        }
    }

    static void checkAggregate(ScanRequest request) {
        Map<String, Double> expected = reference.aggregate(request);
        Map<String, Double> actual = ScanReference.cellsOf(Scans.all(store, request));
        ScanReference.assertSameCells(expected, actual, request.toString());
    }
}
