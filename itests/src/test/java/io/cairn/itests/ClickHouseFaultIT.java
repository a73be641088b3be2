package io.cairn.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The exported jar on the ClickHouse store, against a ClickHouse server of its own: the server is stopped
 * and started again while writers run, and the active store is switched to and from ClickHouse under
 * load; every acknowledged write arrives exactly once.
 */
public class ClickHouseFaultIT {
    private Path work;
    private Path server;
    private String serverUrl;
    private int serverTcpPort;
    private Process cairn;

    @Before
    public void startServers() throws Exception {
        assumeTrue("clickhouse-server is not installed",
                new File("/usr/sbin/clickhouse-server").canExecute() || new File("/usr/bin/clickhouse-server").canExecute());
        work = ExportedJar.folder("clickhouse-fault");
        server = work.resolve("clickhouse");
        serverTcpPort = ExportedJar.freePort();
        serverUrl = clickhouse("start", ExportedJar.freePort(), serverTcpPort);
        cairn = ExportedJar.start(work, ExportedJar.takePort(), "512m",
                List.of("cairn.auth.enabled=false", "cairn.data.dir=" + work.resolve("data")),
                Map.of("CAIRN_STORE", "clickhouse", "CAIRN_CLICKHOUSE_URL", serverUrl, "CAIRN_CLICKHOUSE_DATABASE", "fault"));
        Http.awaitHealthy();
    }

    @After
    public void stopServers() throws Exception {
        if (cairn != null) {
            cairn.destroyForcibly().waitFor();
        }
        if (server != null) {
            clickhouse("stop", 0, 0);
        }
    }

    @Test
    public void aServerOutageDuringWritesLosesAndDuplicatesNothing() throws Exception {
        try (Writers writers = new Writers("outage", 2)) {
            Thread.sleep(1_500);
            clickhouse("stop", 0, 0);
            long beforeOutage = writers.acknowledged();
            Thread.sleep(2_000);
            assertTrue("writes are acknowledged into the WAL while ClickHouse is down",
                    writers.acknowledged() > beforeOutage);
            assertEquals(503, aggregate("outage").status());
            clickhouse("start", port(serverUrl), serverTcpPort);
            Thread.sleep(1_500);
            writers.close();
            assertEquals("5xx other than 503: " + writers.serverErrors(), 0, writers.serverErrors().size());
            assertExactlyOnce("outage", writers);
        }
    }

    @Test
    public void switchingToAndFromClickHouseUnderLoadLosesNothing() throws Exception {
        try (Writers writers = new Writers("swap", 2)) {
            Thread.sleep(1_000);
            assertEquals(200, select("lmdb").status());
            Thread.sleep(1_500);
            assertEquals(200, select("clickhouse").status());
            Thread.sleep(1_000);
            writers.close();
            assertEquals("5xx other than 503: " + writers.serverErrors(), 0, writers.serverErrors().size());
            Http.Response started = Http.post("/api/v1/admin/migrate", "{\"from\":\"lmdb\",\"to\":\"clickhouse\",\"database\":\"swap\"}");
            assertEquals(started.body(), 202, started.status());
            awaitJob(started.json().get("id").asText());
            assertExactlyOnce("swap", writers);
        }
    }

    private static void assertExactlyOnce(String database, Writers writers) throws Exception {
        JsonNode result = null;
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            Http.Response r = aggregate(database);
            JsonNode results = r.status() == 200 ? r.json().get("results") : null;
            result = results != null && results.size() == 1 ? results.get(0) : null;
            if (result != null && result.get("count").asLong() >= writers.acknowledged()) {
                break;
            }
            Thread.sleep(250);
        }
        assertTrue("nothing readable in " + database, result != null);
        assertEquals(writers.acknowledged(), result.get("count").asLong());
        assertEquals((double) writers.valueSum(), result.get("value").asDouble(), 0.0);
    }

    private static Http.Response aggregate(String database) throws Exception {
        return Http.post("/api/v1/query?db=" + database, "{\"queryType\":\"aggregate\",\"metricName\":\""
                + Writers.MEASUREMENT + "\",\"field\":\"v\",\"aggregation\":\"sum\",\"timeRange\":{\"relative\":\"1h\"}}");
    }

    private static void awaitJob(String id) throws Exception {
        JsonNode job;
        long deadline = System.currentTimeMillis() + 60_000;
        do {
            Thread.sleep(200);
            job = Http.get("/api/v1/admin/jobs/" + id).json();
        } while (!job.get("state").asText().equals("done") && System.currentTimeMillis() < deadline);
        assertEquals(job.toString(), "done", job.get("state").asText());
    }

    private static Http.Response select(String store) throws Exception {
        return Http.send(HttpRequest.newBuilder(Http.uri("/api/v1/admin/store"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"store\":\"" + store + "\"}")));
    }

    private String clickhouse(String command, int httpPort, int tcpPort) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", System.getProperty("cairn.itest.ci") + "/clickhouse-server.sh",
                command, server.toString()).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("CLICKHOUSE_HTTP_PORT", Integer.toString(httpPort));
        builder.environment().put("CLICKHOUSE_TCP_PORT", Integer.toString(tcpPort));
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals("clickhouse-server.sh " + command, 0, p.waitFor());
        return out;
    }

    private static int port(String url) {
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }
}
