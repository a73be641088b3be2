package io.cairn.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Cairn server started from the exported jar in a JVM of its own, on a free port and a fresh data folder, with
 * its garbage-collection log in that folder ({@code gc.log}, read by {@link ServerHeap}).
 */
final class CairnProcess implements AutoCloseable {
    final Path dataDir;
    final int port;
    private final Process process;

    CairnProcess(Path jar, String heap) throws Exception {
        this(jar, heap, Map.of());
    }

    /** Returns {@code CAIRN_DEPLOY_DIR} for the folder {@code -Ddeploy=} names (configuration files), or nothing. */
    static Map<String, String> deployEnvironment() {
        String deploy = System.getProperty("deploy");
        return deploy == null ? Map.of() : Map.of("CAIRN_DEPLOY_DIR", Path.of(deploy).toAbsolutePath().toString());
    }

    /** Starts the server with extra environment variables (e.g. {@code CAIRN_STORE}) on top of this process's. */
    CairnProcess(Path jar, String heap, Map<String, String> environment) throws Exception {
        dataDir = Files.createTempDirectory("cairn-bench");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + heap, "-Xlog:gc:file=" + gcLog()));
        String extra = System.getProperty("serverJvmArgs", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-Dcairn.http.port=" + port, "-Dcairn.http.host=127.0.0.1", "-Dcairn.auth.enabled=false", "-Dcairn.data.dir=" + dataDir,
                "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        process = builder
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("cairn.log").toFile()).start();
        try {
            awaitHealthy();
        } catch (Exception | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    Path gcLog() {
        return dataDir.resolve("gc.log");
    }

    long pid() {
        return process.pid();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private void awaitHealthy() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(HttpRequest.newBuilder(uri("/api/v1/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Cairn did not start; see " + dataDir.resolve("cairn.log"));
    }

    /** Returns the bytes of the files under a sub-folder of the data folder. */
    long bytesOnDisk(String folder) throws IOException {
        return ServerFiles.bytesUnder(dataDir.resolve(folder));
    }

    /** Returns the peak resident set size of the server process in bytes, from /proc. */
    long residentBytes() throws IOException {
        return ServerFiles.peakResidentBytes(process.pid());
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor();
    }
}
