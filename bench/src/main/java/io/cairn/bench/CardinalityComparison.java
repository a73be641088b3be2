package io.cairn.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Prints the targets' cardinality figures side by side as a Markdown table and checks their answers against the
 * workload's (series count, top-10 customers and their counts, one customer's p95, autocomplete prefixes) and, for
 * the top 10, against each other. Returns the problems found.
 */
final class CardinalityComparison {
    private final List<CardinalityFigures> targets;
    private final CardinalityAnswers expected;
    private final CardinalityQuestions questions;
    private final StringBuilder table = new StringBuilder();
    private final List<String> problems = new ArrayList<>();

    CardinalityComparison(List<CardinalityFigures> targets, CardinalityAnswers expected, CardinalityQuestions questions) {
        this.targets = targets;
        this.expected = expected;
        this.questions = questions;
    }

    List<String> printAndCheck() {
        table.append("| measure |");
        targets.forEach(t -> table.append(' ').append(t.target).append(" |"));
        table.append("\n|---|").append("---|".repeat(targets.size())).append('\n');
        row("ingest, rows/s", t -> format("%,.0f", t.rowsPerSecond()));
        row("visible after the last write, s", t -> format("%.1f", t.visibleSeconds));
        row("heap peak (before a GC) / live after a full GC", t -> CardinalityFigures.megabytes(t.heapPeakBytes) + " / "
                + CardinalityFigures.megabytes(t.heapLiveBytes));
        row("RSS peak", t -> CardinalityFigures.megabytes(t.residentPeakBytes));
        row("disk bytes", t -> format("%,d", t.diskBytes));
        row("disk bytes/series", t -> format("%,.0f", t.diskBytes / (double) expected.seriesCount()));
        row("disk bytes/point", t -> format("%.2f", t.diskBytes / (double) t.rows));
        for (String query : CardinalityFigures.QUERIES) {
            row(query + ", ms p50 / p95 / max", t -> latency(t, query));
        }
        checkSeriesCount();
        checkTopCustomers();
        checkOneCustomer();
        checkAutocomplete();
        System.out.printf(Locale.ROOT, "%nload average %s at the end%n%s", TsbsQueryBench.loadAverage(), table);
        for (CardinalityFigures t : targets) {
            t.how.forEach((query, how) -> System.out.println("- " + t.target + ", " + query + ": " + how));
        }
        problems.forEach(p -> System.out.println("MISMATCH: " + p));
        return problems;
    }

    private void row(String measure, Function<CardinalityFigures, String> cell) {
        table.append("| ").append(measure).append(" |");
        targets.forEach(t -> table.append(' ').append(cell.apply(t)).append(" |"));
        table.append('\n');
    }

    private static String latency(CardinalityFigures t, String query) {
        LatencyStats s = t.latencies.get(query);
        if (s == null) {
            return t.failures.containsKey(query) ? "failed: " + t.failures.get(query).replace('|', '/') : "-";
        }
        return format("%.1f / %.1f / %.1f", s.percentile(50), s.percentile(95), s.percentile(100));
    }

    private void checkSeriesCount() {
        row("series count answered (workload: " + format("%,d", expected.seriesCount()) + ")",
                t -> format("%,d", t.seriesCount) + (t.seriesCountIndex < 0 ? ""
                        : format(" (series/count: %,d)", t.seriesCountIndex)));
        for (CardinalityFigures t : targets) {
            if (t.seriesCount != expected.seriesCount()) {
                problems.add(t.target + " counts " + t.seriesCount + " series, the workload wrote " + expected.seriesCount());
            }
        }
    }

    private void checkTopCustomers() {
        List<Long> counts = expected.topCounts(10);
        long tied = counts.isEmpty() ? 0 : expected.customersWithCount(counts.get(counts.size() - 1));
        row("top-10 counts (workload: " + counts + "; " + format("%,d", tied) + " customers have the 10th count)",
                t -> t.topCustomers.values().toString());
        row("top-10 customers", t -> String.join(" ", t.topCustomers.keySet()));
        for (CardinalityFigures t : targets) {
            if (!new ArrayList<>(t.topCustomers.values()).equals(counts)) {
                problems.add(t.target + " top-10 counts " + t.topCustomers.values() + ", the workload's are " + counts);
            }
            for (Map.Entry<String, Long> e : t.topCustomers.entrySet()) {
                if (e.getValue() != expected.countOf(e.getKey())) {
                    problems.add(t.target + " counts " + e.getValue() + " points of " + e.getKey() + ", the workload wrote "
                            + expected.countOf(e.getKey()));
                }
            }
        }
        if (targets.size() > 1 && targets.stream().map(t -> t.topCustomers.keySet()).distinct().count() > 1) {
            String why = tied > 1 ? "the 10th count is shared by " + tied + " customers, so any of them may be listed"
                    : "NOT explained by ties";
            System.out.println("top-10 customers differ between targets: " + why);
            if (tied <= 1) {
                problems.add("top-10 customers differ between targets without ties");
            }
        }
    }

    private void checkOneCustomer() {
        String customer = questions.customers().get(0);
        double[] values = expected.latenciesOf(customer);
        double nearest = CardinalityAnswers.nearestRank(values, 95);
        double interpolated = CardinalityAnswers.interpolated(values, 0.95);
        row(format("p95 of %s (%,d series, %d points; nearest rank %s, interpolated %s)", customer,
                expected.seriesCountOf(customer), values.length, nearest, format("%.4f", interpolated)),
                t -> format("%.4f", t.firstCustomerP95));
        boolean oneSeries = expected.seriesCountOf(customer) == 1;
        for (CardinalityFigures t : targets) {
            if (t.interpolatedQuantiles && !oneSeries) {
                System.out.println(t.target + ": p95 of " + customer + " is the highest per-series p95, not checked");
                continue;
            }
            double want = t.interpolatedQuantiles ? interpolated : nearest;
            if (!(Math.abs(t.firstCustomerP95 - want) < 1e-9)) {
                problems.add(t.target + " p95 of " + customer + " is " + t.firstCustomerP95 + ", expected " + want);
            }
        }
    }

    private void checkAutocomplete() {
        String prefix = questions.prefixes().get(0);
        row("autocomplete '" + prefix + "': values returned, first ones", t -> t.firstAutocomplete.size() + ": "
                + String.join(" ", t.firstAutocomplete.subList(0, Math.min(5, t.firstAutocomplete.size()))));
        for (CardinalityFigures t : targets) {
            if (t.firstAutocomplete.isEmpty() || t.firstAutocomplete.size() > 100
                    || !t.firstAutocomplete.stream().allMatch(v -> v.startsWith(prefix))) {
                problems.add(t.target + " autocomplete of " + prefix + " answers " + t.firstAutocomplete.size()
                        + " values, not 1 to 100 all starting with the prefix");
            }
        }
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
