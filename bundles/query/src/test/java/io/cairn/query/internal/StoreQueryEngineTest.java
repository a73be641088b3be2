package io.cairn.query.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.Tags;
import io.cairn.api.store.StoreCapability;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every aggregation and the rate, checked against a brute-force reference on random data. */
class StoreQueryEngineTest {
    static final long T0 = 1_700_000_000_000L;
    static final long MINUTE_NS = 60_000_000_000L;
    static final long START_MS = T0 + 10 * 60_000;
    static final long END_MS = T0 + 110 * 60_000;

    static final Set<StoreCapability> ALL = EnumSet.allOf(StoreCapability.class);
    static final Set<StoreCapability> NO_AGGREGATION = EnumSet.of(StoreCapability.TIME_RANGE,
            StoreCapability.TAG_FILTER, StoreCapability.PROJECTION);
    static final Set<StoreCapability> NOTHING = EnumSet.noneOf(StoreCapability.class);
    /** Aggregates but ignores tag filters: only queries without filters may be pushed down. */
    static final Set<StoreCapability> NO_TAG_FILTER = EnumSet.of(StoreCapability.AGGREGATION,
            StoreCapability.TIME_RANGE, StoreCapability.PROJECTION);

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String fn : List.of("avg", "sum", "count", "min", "max", "p50", "p95", "p99", "integral", "rate")) {
            for (Set<StoreCapability> caps : List.of(ALL, NO_AGGREGATION, NOTHING, NO_TAG_FILTER)) {
                cases.add(Arguments.of(fn, caps));
            }
        }
        return cases.stream();
    }

    /** Random series (some without the region tag), random times and values, counters with resets. */
    static MemoryStore randomStore(Set<StoreCapability> caps, long seed) {
        Random random = new Random(seed);
        MemoryStore store = new MemoryStore(caps, 1 + random.nextInt(7), 0);
        for (int h = 0; h < 4; h++) {
            for (int r = 0; r < 3; r++) {
                Tags tags = r == 2 ? Tags.of("host", "h" + h) : Tags.of("host", "h" + h, "region", "r" + r, "dc", "x");
                int n = random.nextInt(80);
                TreeMap<Long, Boolean> times = new TreeMap<>();
                while (times.size() < n) {
                    times.put(T0 * 1_000_000 + (long) (random.nextDouble() * 120 * MINUTE_NS), true);
                }
                double counter = random.nextInt(50);
                for (long t : times.keySet()) {
                    store.add("cpu", tags, t, "value", Math.round(random.nextDouble() * 10_000) / 100.0);
                    counter = random.nextInt(10) == 0 ? random.nextInt(5) : counter + random.nextInt(20);
                    store.add("cpu", tags, t, "total", counter);
                    store.add("cpu", tags, t, "bytes", (long) random.nextInt(1000));
                }
            }
        }
        store.add("cpu", Tags.of("host", "h0"), T0 * 1_000_000 + 20 * MINUTE_NS + 1, "state", "on");
        return store;
    }

    static DashboardQuery parse(String json) {
        Clock clock = Clock.fixed(Instant.ofEpochMilli(T0 + 200 * 60_000), ZoneOffset.UTC);
        return new DashboardQueryParser(QueryLimits.DEFAULTS, clock).parse(json.getBytes(StandardCharsets.UTF_8), "default");
    }

    @ParameterizedTest(name = "{0} on a store with {1}")
    @MethodSource("cases")
    void matchesBruteForceReference(String fn, Set<StoreCapability> caps) {
        for (long seed = 1; seed <= 4; seed++) {
            MemoryStore store = randomStore(caps, seed * 31 + fn.hashCode());
            String field = fn.equals("rate") ? "total" : seed % 2 == 0 ? "bytes" : "value";
            for (long intervalMin : new long[] {0, 5, 7}) {
                for (List<String> groupBy : List.of(List.<String>of(), List.of("host"), List.of("region"), List.of("host", "region"))) {
                    for (Map<String, Set<String>> filters : List.of(Map.<String, Set<String>>of(), Map.of("host", Set.of("h0", "h2")))) {
                        check(store, fn, field, intervalMin, groupBy, filters);
                    }
                }
            }
            assertEquals(store.opened.get(), store.closed.get(), "every cursor closed");
            boolean basic = Set.of("avg", "sum", "count", "min", "max").contains(fn);
            assertEquals(caps.contains(basic ? StoreCapability.AGGREGATION : StoreCapability.ADVANCED_AGGREGATION),
                    store.aggregateScans.get() > 0, "pushed down");
        }
    }

    private static void check(MemoryStore store, String fn, String field, long intervalMin, List<String> groupBy,
            Map<String, Set<String>> filters) {
        StringBuilder json = new StringBuilder("{\"queryType\":\"").append(fn.equals("rate") ? "rate" : "aggregate")
                .append("\",\"metricName\":\"cpu\",\"field\":\"").append(field)
                .append("\",\"timeRange\":{\"start\":").append(START_MS).append(",\"end\":").append(END_MS).append('}');
        if (!fn.equals("rate")) {
            json.append(",\"aggregation\":\"").append(fn).append('"');
        }
        if (intervalMin > 0) {
            json.append(",\"interval\":\"").append(intervalMin).append("m\"");
        }
        json.append(",\"groupBy\":[");
        json.append(String.join(",", groupBy.stream().map(k -> "\"" + k + "\"").toList())).append(']');
        filters.forEach((k, v) -> json.append(",\"filters\":{\"").append(k).append("\":[")
                .append(String.join(",", v.stream().map(s -> "\"" + s + "\"").toList())).append("]}"));
        json.append('}');
        String label = json.toString();
        DashboardQuery q = parse(label);
        QueryResult result = new StoreQueryEngine(store, QueryLimits.DEFAULTS).execute(q, Deadline.after(10_000));
        assertNull(result.truncationMessage(), label);

        Map<Tags, TreeMap<Long, BruteForceReference.Expected>> expected = BruteForceReference.compute(store.points,
                "cpu", field, START_MS * 1_000_000, END_MS * 1_000_000, filters, groupBy, intervalMin * MINUTE_NS, fn);
        Map<Tags, TreeMap<Long, BruteForceReference.Expected>> actual = new HashMap<>();
        if (result instanceof QueryResult.GroupValues values) {
            assertTrue(intervalMin == 0 && !fn.equals("rate"), label);
            for (QueryResult.GroupValue v : values.groups()) {
                actual.computeIfAbsent(v.groupKey(), k -> new TreeMap<>())
                        .put(START_MS * 1_000_000, new BruteForceReference.Expected(v.value(), v.count()));
            }
        } else {
            for (QueryResult.GroupSeries s : ((QueryResult.GroupSeriesList) result).groups()) {
                TreeMap<Long, BruteForceReference.Expected> buckets = new TreeMap<>();
                for (int i = 0; i < s.timesNanos().length; i++) {
                    buckets.put(s.timesNanos()[i], new BruteForceReference.Expected(s.values()[i], expectedCount(expected, s.groupKey(), s.timesNanos()[i])));
                }
                actual.put(s.groupKey(), buckets);
            }
        }
        assertEquals(expected.keySet(), actual.keySet(), label);
        assertFalse(expected.isEmpty(), label);
        expected.forEach((group, buckets) -> {
            assertEquals(buckets.keySet(), actual.get(group).keySet(), label + " buckets of " + group);
            buckets.forEach((bucket, e) -> {
                BruteForceReference.Expected a = actual.get(group).get(bucket);
                assertEquals(e.value(), a.value(), 1e-9 * Math.max(1, Math.abs(e.value())), label + " " + group + "@" + bucket);
                assertEquals(e.count(), a.count(), label + " count " + group);
            });
        });
    }

    private static long expectedCount(Map<Tags, TreeMap<Long, BruteForceReference.Expected>> expected, Tags group, long bucket) {
        TreeMap<Long, BruteForceReference.Expected> buckets = expected.get(group);
        return buckets == null || buckets.get(bucket) == null ? -1 : buckets.get(bucket).count();
    }

    @ParameterizedTest(name = "range on a store with {0}")
    @MethodSource("capabilitySets")
    void rangeReturnsFilteredPointsSortedByTimeThenSeries(Set<StoreCapability> caps) {
        MemoryStore store = randomStore(caps, 7);
        for (int limit : new int[] {10_000, 25}) {
            DashboardQuery q = parse("{\"queryType\":\"range\",\"metricName\":\"cpu\",\"timeRange\":{\"start\":" + START_MS
                    + ",\"end\":" + END_MS + "},\"filters\":{\"region\":[\"r0\",\"r1\"]},\"limit\":" + limit + "}");
            QueryResult.RangeRows rows = (QueryResult.RangeRows) new StoreQueryEngine(store, QueryLimits.DEFAULTS)
                    .execute(q, Deadline.after(10_000));
            List<MemoryStore.Point> expected = new ArrayList<>(store.points.stream()
                    .filter(p -> p.field().equals("value") && p.tags().get("region") != null
                            && p.time() >= START_MS * 1_000_000 && p.time() < END_MS * 1_000_000)
                    .toList());
            expected.sort((a, b) -> a.time() != b.time() ? Long.compare(a.time(), b.time()) : a.tags().compareTo(b.tags()));
            int n = Math.min(limit, expected.size());
            assertEquals(n, rows.rows().size());
            for (int i = 0; i < n; i++) {
                assertEquals(expected.get(i).time(), rows.rows().get(i).timeNanos());
                assertEquals(expected.get(i).value(), rows.rows().get(i).value());
                assertEquals(expected.get(i).tags(), rows.rows().get(i).dimensions());
            }
            assertEquals(expected.size() > limit, rows.truncationMessage() != null);
        }
    }

    static Stream<Set<StoreCapability>> capabilitySets() {
        return Stream.of(ALL, NO_AGGREGATION, NOTHING);
    }
}
