package io.cairn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cardinality run against a real VictoriaMetrics, when its binary is installed: its answers pass the checks. */
class VictoriaMetricsCardinalityRunTest {

    @Test
    void answersOfVictoriaMetricsMatchTheWorkload() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/victoria-metrics")), "no VictoriaMetrics binary");
        long startNs = (System.currentTimeMillis() - 60_000) / 10_000 * 10_000 * 1_000_000L;
        CardinalityWorkload workload = new CardinalityWorkload(300, 6, 36.0, startNs, 3);
        CardinalityQuestions questions = CardinalityQuestions.draw(workload, 3, 7);
        CardinalityAnswers expected = new CardinalityAnswers(workload);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        CardinalityFigures figures;
        try (BatchFile file = new BatchFile(workload::nextBatch, workload.rows(), 500)) {
            figures = VictoriaMetricsCardinalityRun.run(http, file, workload, questions, 2, 500);
        }

        assertEquals(expected.seriesCount(), figures.seriesCount);
        assertEquals(List.of("cust_0", "cust_1", "cust_2"), List.copyOf(figures.topCustomers.keySet()).subList(0, 3));
        assertEquals(expected.topCounts(10), List.copyOf(figures.topCustomers.values()));
        assertEquals(List.of(), new CardinalityComparison(List.of(figures), expected, questions).printAndCheck());
    }
}
