package io.cairn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BruteForceAnswersTest {
    private static final int HOSTS = 4;
    private static final int STEPS = 720;
    private static final long START_NS = 1_699_999_200_000_000_000L; // on an hour
    private static final long START_MS = START_NS / 1_000_000;

    /** The generator's line protocol, parsed back: [time ms, host, ten values] per row. */
    private static List<long[]> linesFromGenerator() {
        TsbsCpuGenerator generator = new TsbsCpuGenerator(HOSTS, 7, START_NS, TsbsQueryBench.INTERVAL_NS);
        String text = new String(generator.nextBatch(HOSTS * STEPS), StandardCharsets.UTF_8);
        List<long[]> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] parts = line.split(" ");
            long[] row = new long[12];
            row[0] = Long.parseLong(parts[2]) / 1_000_000;
            row[1] = Long.parseLong(parts[0].split(",")[1].substring("hostname=host_".length()));
            String[] fields = parts[1].split(",");
            for (int f = 0; f < 10; f++) {
                row[2 + f] = Long.parseLong(fields[f].substring(fields[f].indexOf('=') + 1, fields[f].length() - 1));
            }
            rows.add(row);
        }
        return rows;
    }

    private static BruteForceAnswers answers() {
        return new BruteForceAnswers(7, HOSTS, STEPS, START_NS, TsbsQueryBench.INTERVAL_NS);
    }

    @Test
    void maxPerMinuteMatchesTheLinesTheTargetsReceive() {
        long from = START_MS + 95_000;
        long to = from + 600_000;
        TsbsQuery q = new TsbsQuery(TsbsQueryType.SINGLE_GROUPBY_5_8_1, List.of("host_1", "host_3"),
                List.of(TsbsCpuGenerator.FIELDS).subList(0, 5), from, to);
        ResultTable answer = answers().answer(q);
        assertEquals(List.of("time", "max_usage_user", "max_usage_system", "max_usage_idle", "max_usage_nice",
                "max_usage_iowait"), answer.columns());
        assertEquals(11, answer.rows().size(), "10 whole minutes and the partial first one");
        List<long[]> lines = linesFromGenerator();
        for (List<Object> row : answer.rows()) {
            long bucket = (Long) row.get(0);
            for (int m = 0; m < 5; m++) {
                long max = Long.MIN_VALUE;
                for (long[] line : lines) {
                    if ((line[1] == 1 || line[1] == 3) && line[0] >= Math.max(from, bucket) && line[0] < Math.min(to, bucket + 60_000)) {
                        max = Math.max(max, line[2 + m]);
                    }
                }
                assertEquals((double) max, (Double) row.get(1 + m), "bucket " + bucket + " metric " + m);
            }
        }
    }

    @Test
    void highCpuReturnsEveryRowAboveNinetyAndNoOther() {
        TsbsQuery q = new TsbsQuery(TsbsQueryType.HIGH_CPU_ALL, List.of(), List.of(TsbsCpuGenerator.FIELDS),
                START_MS, START_MS + STEPS * 10_000L);
        long expected = linesFromGenerator().stream().filter(l -> l[2] > 90).count();
        ResultTable answer = answers().answer(q);
        assertEquals(expected, answer.rows().size());
        assertTrue(answer.rows().stream().allMatch(r -> (Double) r.get(answer.column("usage_user")) > 90));
    }

    @Test
    void lastFiveMinutesAreTheLatestBucketsBeforeTheEnd() {
        long end = START_MS + 3_600_000 + 30_000;
        TsbsQuery q = new TsbsQuery(TsbsQueryType.GROUPBY_ORDERBY_LIMIT, List.of(), List.of("usage_user"), end - 3_600_000, end);
        List<Object> times = answers().answer(q).rows().stream().map(r -> r.get(0)).toList();
        assertEquals(List.of(START_MS + 3_360_000, START_MS + 3_420_000, START_MS + 3_480_000, START_MS + 3_540_000,
                START_MS + 3_600_000), times);
    }

    @Test
    void theCheckAcceptsAnyRowOrderButNotAChangedValueOrAMissingRow() {
        TsbsQuery q = new TsbsQuery(TsbsQueryType.DOUBLE_GROUPBY_1, List.of(), List.of("usage_user"),
                START_MS + 1_000, START_MS + 3_601_000);
        ResultTable expected = answers().answer(q);
        assertEquals(2 * HOSTS, expected.rows().size(), "two hours touched, one row per host each");
        List<List<Object>> shuffled = new ArrayList<>(expected.rows());
        Collections.reverse(shuffled);
        AnswerCheck.requireSame("t", q, expected, new ResultTable(expected.columns(), shuffled));

        List<List<Object>> changed = new ArrayList<>(shuffled);
        List<Object> row = new ArrayList<>(changed.get(2));
        row.set(2, (Double) row.get(2) + 0.001);
        changed.set(2, row);
        assertThrows(IllegalStateException.class,
                () -> AnswerCheck.requireSame("t", q, expected, new ResultTable(expected.columns(), changed)));
        assertThrows(IllegalStateException.class, () -> AnswerCheck.requireSame("t", q, expected,
                new ResultTable(expected.columns(), shuffled.subList(1, shuffled.size()))));
    }
}
