package io.cairn.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A single-node VictoriaMetrics started from its binary on a free loopback port with its data in a fresh temporary
 * folder: retention long enough for any timestamp the bench writes, no query-time latency offset (so the last
 * seconds written are answered), unique-series and tag-value limits above the workload, a cache budget of
 * {@code memoryPercent} of the machine's memory and a query timeout of {@code maxQueryDuration} (e.g. 120s). Stopping it deletes the folder unless {@code keep}.
 */
final class VictoriaMetricsProcess implements AutoCloseable {
    final Path dataDir;
    final int port;
    private final Process process;
    private final boolean keep;

    VictoriaMetricsProcess(Path binary, int memoryPercent, String maxQueryDuration, boolean keep) throws Exception {
        this.keep = keep;
        dataDir = Files.createTempDirectory("vm-bench");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = List.of(binary.toString(), "-storageDataPath=" + dataDir.resolve("data"),
                "-httpListenAddr=127.0.0.1:" + port, "-retentionPeriod=100y", "-search.latencyOffset=0s",
                "-search.maxUniqueTimeseries=100000000", "-search.maxTagValues=100000000",
                "-memory.allowedPercent=" + memoryPercent, "-search.maxQueryDuration=" + maxQueryDuration);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("victoria-metrics.log").toFile()).start();
        try {
            awaitHealthy();
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    private void awaitHealthy() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (client.send(HttpRequest.newBuilder(uri("/health")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("VictoriaMetrics did not start; see " + dataDir.resolve("victoria-metrics.log"));
    }

    /** Makes everything acknowledged so far searchable ({@code /internal/force_flush}). */
    void forceFlush(BlockingHttp http) throws IOException {
        BlockingHttp.Reply r = http.send(HttpRequest.newBuilder(uri("/internal/force_flush")).build());
        if (r.status() / 100 != 2) {
            throw new IllegalStateException("force_flush -> " + r.status() + " " + r.body());
        }
    }

    /** Returns the bytes of the files under its storage folder (data and index). */
    long bytesOnDisk() throws IOException {
        return ServerFiles.bytesUnder(dataDir.resolve("data"));
    }

    long peakResidentBytes() throws IOException {
        return ServerFiles.peakResidentBytes(process.pid());
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        if (!keep) {
            ServerFiles.deleteTree(dataDir);
        }
    }
}
