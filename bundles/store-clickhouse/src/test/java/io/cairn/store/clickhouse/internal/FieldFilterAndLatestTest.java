package io.cairn.store.clickhouse.internal;

import static io.cairn.api.store.FieldPredicate.Comparison.EQ;
import static io.cairn.api.store.FieldPredicate.Comparison.GE;
import static io.cairn.api.store.FieldPredicate.Comparison.GT;
import static io.cairn.api.store.FieldPredicate.Comparison.LE;
import static io.cairn.api.store.FieldPredicate.Comparison.LT;
import static io.cairn.api.store.FieldPredicate.Comparison.NE;
import static io.cairn.store.clickhouse.internal.TestStores.all;
import static io.cairn.store.clickhouse.internal.TestStores.tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.FieldPredicate;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.SeriesBatch;
import io.cairn.api.store.TagPredicate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Field predicates and latest rows per series, computed in ClickHouse, equal a brute force over random sparse
 * data (floats, integers, strings, booleans, a field name that needs quoting) with one rewritten point, both
 * in a range the rewrite marks (read with FINAL) and in one it does not.
 */
@ExtendWith(ClickHouseServer.class)
class FieldFilterAndLatestTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long REWRITTEN = T0 + 500 * SECOND;
    private static final Tags REWRITTEN_SERIES = Tags.of("host", "h1", "dc", "dc1");
    private static final long[] FULL = {T0 - 1, T0 + 3601 * SECOND};
    private static final long[] CUT = {T0 + 1000 * SECOND, T0 + 2000 * SECOND};
    private static final String QUOTED = "it's\\";

    private static ClickHouseSettings settings;
    private static ClickHouseStore store;
    private static final ReferenceRows REFERENCE = new ReferenceRows();
    private static double someV;
    private static long someN;

    @BeforeAll
    static void open() {
        settings = TestStores.settings("pushdown");
        store = new ClickHouseStore(settings, 3600);
        Random random = new Random(5);
        WriteBatch.Builder b = WriteBatch.builder("d", "m");
        for (int s = 0; s < 8; s++) {
            Tags tags = s % 2 == 1 ? Tags.of("host", "h" + s, "dc", "dc" + s % 3) : Tags.of("host", "h" + s);
            TreeSet<Long> times = new TreeSet<>();
            while (times.size() < 150) {
                times.add(T0 + random.nextLong(3600 * SECOND));
            }
            times.remove(REWRITTEN);
            for (long time : times) {
                int row = b.addRow(tags, time);
                put(b, row, tags, time, "v", random.nextInt(4) > 0 ? Math.round(random.nextGaussian() * 1000) / 10.0 : null);
                put(b, row, tags, time, "n", random.nextBoolean() ? (long) random.nextInt(1000) - 500 : null);
                put(b, row, tags, time, "u", random.nextInt(4) == 0 ? random.nextDouble() * 10 - 5 : null);
                put(b, row, tags, time, QUOTED, random.nextInt(5) == 0 ? random.nextDouble() : null);
                put(b, row, tags, time, "s", random.nextInt(3) == 0 ? "x" + random.nextInt(3) : null);
                put(b, row, tags, time, "b", random.nextInt(5) == 0 ? random.nextBoolean() : null);
                put(b, row, tags, time, "w", 1L);
            }
        }
        int row = b.addRow(REWRITTEN_SERIES, REWRITTEN);
        put(b, row, REWRITTEN_SERIES, REWRITTEN, "v", 77.7);
        put(b, row, REWRITTEN_SERIES, REWRITTEN, "n", 400L);
        store.write(b.build());
        WriteBatch.Builder rewrite = WriteBatch.builder("d", "m");
        row = rewrite.addRow(REWRITTEN_SERIES, REWRITTEN);
        put(rewrite, row, REWRITTEN_SERIES, REWRITTEN, "v", -77.7);
        put(rewrite, row, REWRITTEN_SERIES, REWRITTEN, "n", -400L);
        store.write(rewrite.build());
        someV = (Double) REFERENCE.get(Tags.of("host", "h2"), REFERENCE.raw(raw(FULL, List.of("v"), List.of(), List.of(), 0))
                .get(Tags.of("host", "h2")).lastKey(), "v");
        someN = (Long) REFERENCE.get(Tags.of("host", "h4"), REFERENCE.raw(raw(FULL, List.of("n"), List.of(), List.of(), 0))
                .get(Tags.of("host", "h4")).firstKey(), "n");
    }

    @AfterAll
    static void close() {
        store.close();
        TestStores.drop(settings);
    }

    private static void put(WriteBatch.Builder b, int row, Tags tags, long time, String field, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Double d) {
            b.setDouble(row, field, d);
        } else if (value instanceof Long l) {
            b.setLong(row, field, l);
        } else if (value instanceof Boolean x) {
            b.setBoolean(row, field, x);
        } else {
            b.setString(row, field, (String) value);
        }
        REFERENCE.put(tags, time, field, value);
    }

    private static List<List<FieldPredicate>> predicateSets() {
        return List.of(
                List.of(new FieldPredicate("v", GT, 50)),
                List.of(new FieldPredicate("v", LT, -50)),
                List.of(new FieldPredicate("v", LE, -20), new FieldPredicate("n", GE, 0)),
                List.of(new FieldPredicate("n", GT, -100), new FieldPredicate("n", LT, 100)),
                List.of(new FieldPredicate("u", NE, 0), new FieldPredicate(QUOTED, GT, 0.25)),
                List.of(new FieldPredicate("v", EQ, someV)),
                List.of(new FieldPredicate("n", GT, 1e300)),
                List.of(new FieldPredicate("v", GT, Double.NEGATIVE_INFINITY)),
                List.of(new FieldPredicate("s", GT, 0)),
                List.of(new FieldPredicate("b", GE, 0)),
                List.of(new FieldPredicate("nope", GT, 0)),
                List.of(new FieldPredicate("n", LE, someN)),
                List.of(new FieldPredicate("n", NE, someN), new FieldPredicate("v", GE, someV)));
    }

    private static final List<List<String>> FIELD_LISTS = List.of(List.of("v", "n", "s"), List.of(), List.of("u"));
    private static final List<List<TagPredicate>> TAG_SETS = List.of(List.of(), List.of(tag("host", "h1", "h2", "h3")));

    @Test
    void rawRowsMeetingFieldPredicatesEqualBruteForce() {
        int nonEmpty = 0;
        for (long[] range : List.of(FULL, CUT)) {
            for (List<FieldPredicate> predicates : predicateSets()) {
                for (List<String> fields : FIELD_LISTS) {
                    for (List<TagPredicate> tags : TAG_SETS) {
                        nonEmpty += check(raw(range, fields, tags, predicates, 0));
                    }
                }
            }
        }
        assertTrue(nonEmpty > 50, "too few non-empty results: " + nonEmpty);
    }

    @Test
    void latestRowsPerSeriesEqualBruteForce() {
        checkLatest(List.of(FULL, CUT), new int[] {1, 3});
        Map<Tags, TreeMap<Long, Map<String, Object>>> last = ReferenceRows.rowsOf(
                all(store, raw(FULL, List.of("v", "n"), List.of(), List.of(), 1)));
        assertEquals(8, last.size());
        assertTrue(last.values().stream().allMatch(rows -> rows.size() <= 2));
    }

    @Test
    void latestRowsInOneStatementWhenTheirLiteralsWouldBeTooLong() {
        store.maxLiteralChars(0);
        try {
            checkLatest(List.of(FULL), new int[] {3});
        } finally {
            store.maxLiteralChars(RowSelectionSql.MAX_LITERALS);
        }
    }

    private static void checkLatest(List<long[]> ranges, int[] latests) {
        List<List<FieldPredicate>> predicateSets = predicateSets();
        for (long[] range : ranges) {
            for (int latest : latests) {
                for (List<FieldPredicate> predicates : List.<List<FieldPredicate>>of(List.of(), predicateSets.get(0), predicateSets.get(2),
                        predicateSets.get(4))) {
                    for (List<String> fields : FIELD_LISTS) {
                        for (List<TagPredicate> tags : TAG_SETS) {
                            check(raw(range, fields, tags, predicates, latest));
                        }
                    }
                }
            }
        }
    }

    @Test
    void theRewrittenValueDecidesUnderFinal() {
        ScanRequest above = raw(FULL, List.of("v", "n"), List.of(tag("host", "h1")),
                List.of(new FieldPredicate("v", GT, 50)), 0);
        assertTrue(store.describe(above).contains(" FINAL"), store.describe(above));
        assertFalse(ReferenceRows.rowsOf(all(store, above)).getOrDefault(REWRITTEN_SERIES, new TreeMap<>())
                .containsKey(REWRITTEN));
        ScanRequest below = above.withFieldPredicates(List.of(new FieldPredicate("v", LT, -77)));
        assertEquals(Map.of("v", -77.7, "n", -400L),
                ReferenceRows.rowsOf(all(store, below)).get(REWRITTEN_SERIES).get(REWRITTEN));
        ScanRequest cut = raw(CUT, List.of("v"), List.of(), List.of(new FieldPredicate("v", GT, 50)), 0);
        assertFalse(store.describe(cut).contains(" FINAL"), store.describe(cut));
        assertTrue(store.describe(cut).contains("field = 'v' AND f64 + i64 > 50.0"), store.describe(cut));
        assertTrue(store.describe(cut.withLatestPerSeries(1)).contains("max(time)"));
        assertTrue(store.describe(raw(CUT, List.of(), List.of(), List.of(new FieldPredicate(QUOTED, GT, 0)), 0))
                .contains("field = 'it\\'s\\\\'"));
    }

    @Test
    void aggregationsOfRowsMeetingFieldPredicatesEqualBruteForce() {
        List<List<FieldPredicate>> predicateSets = predicateSets();
        for (long[] range : List.of(FULL, CUT)) {
            for (List<FieldPredicate> predicates : List.of(predicateSets.get(0), predicateSets.get(2),
                    predicateSets.get(4), predicateSets.get(8))) {
                for (List<String> groupBy : List.of(List.<String>of(), List.of("host"))) {
                    checkAggregation(new ScanRequest("d", "m", range[0], range[1], List.of(), List.of("v", "n", "u"),
                            new Aggregation(600 * SECOND, groupBy, List.of(AggregateFunction.values())), 0,
                            predicates, 1));
                    checkAggregation(new ScanRequest("d", "m", range[0], range[1], List.of(tag("host", "h1", "h3")),
                            List.of("v", "n"), new Aggregation(0, groupBy,
                                    List.of(AggregateFunction.COUNT, AggregateFunction.SUM, AggregateFunction.MAX)), 0,
                            predicates, 0));
                }
            }
        }
    }

    private static ScanRequest raw(long[] range, List<String> fields, List<TagPredicate> tags,
            List<FieldPredicate> predicates, int latest) {
        return new ScanRequest("d", "m", range[0], range[1], tags, fields, null, 0, predicates, latest);
    }

    private static int check(ScanRequest request) {
        Map<Tags, TreeMap<Long, Map<String, Object>>> expected = REFERENCE.raw(request);
        assertEquals(expected, ReferenceRows.rowsOf(all(store, request)), () -> request + "\n" + store.describe(request));
        return expected.isEmpty() ? 0 : 1;
    }

    private static void checkAggregation(ScanRequest request) {
        Map<Tags, TreeMap<Long, Map<String, Double>>> expected = REFERENCE.aggregate(request);
        List<SeriesBatch> result = all(store, request);
        String context = request + "\n" + store.describe(request);
        assertEquals(List.copyOf(expected.keySet()), result.stream().map(SeriesBatch::tags).toList(), context);
        for (SeriesBatch batch : result) {
            TreeMap<Long, Map<String, Double>> buckets = expected.get(batch.tags());
            assertEquals(List.copyOf(buckets.keySet()),
                    java.util.Arrays.stream(batch.times(), 0, batch.size()).boxed().toList(), context);
            for (int r = 0; r < batch.size(); r++) {
                Map<String, Double> columns = buckets.get(batch.times()[r]);
                for (FieldColumn column : batch.columns()) {
                    Double value = columns.get(column.name());
                    assertEquals(value != null, column.isPresent(r), column.name() + " " + context);
                    if (value != null) {
                        assertEquals(value, column.doubleAt(r), 1e-6 * (1 + Math.abs(value)), column.name() + " " + context);
                    }
                }
            }
        }
    }
}
