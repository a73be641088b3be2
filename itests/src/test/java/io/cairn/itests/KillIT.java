package io.cairn.itests;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * Every acknowledged write survives {@code kill -9} of the server: the exported jar runs as a process,
 * is killed without warning right after its writes were acknowledged, and a new process finds them.
 */
public class KillIT {
    private static final int BATCHES = 20;
    private static final int PER_BATCH = 1_000;

    @Test
    public void acknowledgedWritesSurviveKill9() throws Exception {
        Path data = ExportedJar.folder("kill");
        int port = ExportedJar.takePort();
        long base = System.currentTimeMillis() - BATCHES * PER_BATCH;
        Process first = start(data, port);
        try {
            Http.awaitHealthy();
            for (int b = 0; b < BATCHES; b++) {
                StringBuilder body = new StringBuilder("{\"metrics\":[");
                for (int i = 0; i < PER_BATCH; i++) {
                    long k = (long) b * PER_BATCH + i;
                    body.append(i == 0 ? "" : ",").append("{\"name\":\"killed\",\"timestamp\":").append(base + k)
                            .append(",\"value\":").append(k).append(",\"dimensions\":{\"s\":\"s").append(k % 3).append("\"}}");
                }
                Http.Response r = Http.post("/api/v1/write?db=kill", body.append("]}").toString());
                assertEquals(r.body(), 200, r.status());
            }
        } finally {
            first.destroyForcibly().waitFor();
        }
        Process second = start(data, port);
        try {
            Http.awaitHealthy();
            long points = (long) BATCHES * PER_BATCH;
            JsonNode result = awaitCount(points);
            assertEquals(points, result.get("count").asLong());
            assertEquals(points * (points - 1) / 2.0, result.get("value").asDouble(), 0.0);
        } finally {
            second.destroyForcibly().waitFor();
        }
    }

    private static JsonNode awaitCount(long points) throws Exception {
        JsonNode result = null;
        for (int i = 0; i < 50; i++) {
            Http.Response r = Http.post("/api/v1/query?db=kill", "{\"queryType\":\"aggregate\",\"metricName\":\"killed\","
                    + "\"aggregation\":\"sum\",\"timeRange\":{\"relative\":\"1h\"}}");
            // the query servlet may register a moment after the health servlet
            JsonNode results = r.status() == 200 ? r.json().get("results") : null;
            result = results != null && results.size() == 1 ? results.get(0) : null;
            if (result != null && result.get("count").asLong() == points) {
                return result;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("after the restart: " + result);
    }

    private static Process start(Path data, int port) throws IOException {
        return ExportedJar.start(data, port, "256m", List.of("cairn.auth.enabled=false", "cairn.data.dir=" + data), Map.of());
    }
}
