package io.cairn.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CardinalityAnswersTest {
    private static final int SERIES = 60;
    private static final int STEPS = 12;
    private static final double CHURN = 36.0; // 6 series replaced per step, so counts differ
    private static final int BUSY = 3;

    /** The workload's lines parsed back: series key to its latencies, in time order. */
    private static Map<String, List<Double>> pointsBySeries(CardinalityWorkload workload) {
        String text = new String(workload.nextBatch((int) workload.rows()), StandardCharsets.US_ASCII);
        Map<String, List<Double>> series = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] parts = line.split(" ");
            series.computeIfAbsent(parts[0], k -> new ArrayList<>())
                    .add(Double.parseDouble(parts[1].substring("latency=".length())));
        }
        return series;
    }

    private static CardinalityWorkload workload() {
        return new CardinalityWorkload(SERIES, STEPS, CHURN, 1_700_000_000_000_000_000L, BUSY);
    }

    private static String customerOf(String seriesKey) {
        return seriesKey.split(",")[1].substring("customer_id=".length());
    }

    @Test
    void seriesCountAndCustomerCountsMatchTheLinesWritten() {
        Map<String, List<Double>> series = pointsBySeries(workload());
        CardinalityAnswers answers = new CardinalityAnswers(workload());

        assertEquals(series.size(), answers.seriesCount());
        assertEquals(SERIES + 6 * (STEPS - 1) + BUSY * (BUSY + 1), series.size());
        Map<String, Long> counts = new HashMap<>();
        series.forEach((key, points) -> counts.merge(customerOf(key), (long) points.size(), Long::sum));
        counts.forEach((customer, n) -> assertEquals(n, answers.countOf(customer), customer));
        List<Long> top = counts.values().stream().sorted((a, b) -> Long.compare(b, a)).limit(10).toList();
        assertEquals(top, answers.topCounts(10));
    }

    @Test
    void busyCustomersLeadTheTopCountsOneByOne() {
        CardinalityAnswers answers = new CardinalityAnswers(workload());

        List<Long> top = answers.topCounts(BUSY);
        assertEquals(top.get(0), answers.countOf("cust_0"));
        assertEquals(top.get(1), answers.countOf("cust_1"));
        assertEquals(top.get(2), answers.countOf("cust_2"));
        assertEquals(1, answers.customersWithCount(top.get(2)));
    }

    @Test
    void latenciesOfACustomerAreThoseWritten() {
        Map<String, List<Double>> series = pointsBySeries(workload());
        CardinalityAnswers answers = new CardinalityAnswers(workload());

        for (String customer : List.of("cust_1", "cust_30", "cust_65")) {
            double[] written = series.entrySet().stream().filter(e -> customerOf(e.getKey()).equals(customer))
                    .flatMap(e -> e.getValue().stream()).mapToDouble(Double::doubleValue).sorted().toArray();
            assertArrayEquals(written, answers.latenciesOf(customer), customer);
        }
    }

    @Test
    void percentilesFollowNearestRankAndInterpolation() {
        double[] sorted = new double[20];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i + 1;
        }
        assertEquals(19.0, CardinalityAnswers.nearestRank(sorted, 95));
        assertEquals(19.05, CardinalityAnswers.interpolated(sorted, 0.95), 1e-9);
        assertEquals(20.0, CardinalityAnswers.interpolated(sorted, 1.0));
    }
}
