package io.cairn.store.clickhouse.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The ClickHouse server of the module's tests, one per test JVM: the one CAIRN_CLICKHOUSE_URL names,
 * else a {@code clickhouse-server} started here as a daemon with a minimal configuration in a
 * temporary folder and stopped with SIGTERM when the last test class has run.
 */
final class ClickHouseServer implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {
    private static final String[] BINARIES = {"/usr/sbin/clickhouse-server", "/usr/bin/clickhouse-server"};
    private static ClickHouseServer shared;

    private final String externalUrl;
    private final Path dir;
    private final int httpPort;
    private final int tcpPort;

    private ClickHouseServer(String externalUrl, Path dir, int httpPort, int tcpPort) {
        this.externalUrl = externalUrl;
        this.dir = dir;
        this.httpPort = httpPort;
        this.tcpPort = tcpPort;
    }

    /** Used by JUnit through {@code @ExtendWith}: starts the shared server before a test class. */
    public ClickHouseServer() {
        this(null, null, 0, 0);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(ClickHouseServer.class, k -> get(), ClickHouseServer.class);
    }

    @Override
    public synchronized void close() {
        if (externalUrl == null && Files.isDirectory(dir)) {
            stop();
            deleteQuietly(dir);
        }
    }

    /** Returns the shared server, starting it on first use. */
    static synchronized ClickHouseServer get() {
        if (shared == null) {
            String url = System.getenv("CAIRN_CLICKHOUSE_URL");
            shared = url != null && !url.isBlank() ? new ClickHouseServer(url.trim(), null, 0, 0) : startOwned();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** Starts a server of this JVM's own in a new temporary folder; the caller closes it. */
    static ClickHouseServer startOwned() {
        try {
            ClickHouseServer server = new ClickHouseServer(null, Files.createTempDirectory("cairn-clickhouse"), freePort(), freePort());
            server.writeConfig();
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns whether clickhouse-server is installed here. */
    static boolean installed() {
        return binary().isPresent();
    }

    /** Returns the HTTP URL of the server. */
    String url() {
        return externalUrl != null ? externalUrl : "http://127.0.0.1:" + httpPort;
    }

    /** Returns whether this JVM started the server and can therefore stop and restart it. */
    boolean ownsProcess() {
        return externalUrl == null;
    }

    /** Starts the daemon and waits until it answers /ping. */
    synchronized void start() {
        String binary = binary().orElseThrow(() -> new IllegalStateException(
                "clickhouse-server is not installed: run .ci/clickhouse-server.sh install (or set CAIRN_CLICKHOUSE_URL)"));
        try {
            Process p = new ProcessBuilder(binary, "--daemon", "--pid-file=" + dir.resolve("server.pid"),
                    "--config-file=" + dir.resolve("config.xml")).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("clickhouse-server did not start; see " + dir);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!answersPing()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("clickhouse-server does not answer /ping; see " + dir.resolve("error.log"));
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the daemon with SIGTERM and waits for it to exit. */
    synchronized void stop() {
        Path pidFile = dir.resolve("server.pid");
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isPresent()) {
                process.get().destroy();
                process.get().onExit().get(30, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(pidFile);
        } catch (Exception e) {
            throw new IllegalStateException("could not stop clickhouse-server", e);
        }
    }

    /** Returns whether the server answers /ping now. */
    boolean answersPing() {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url() + "/ping"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Optional<String> binary() {
        return Stream.of(BINARIES).filter(b -> Files.isExecutable(Path.of(b))).findFirst();
    }

    private void writeConfig() throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(dir.resolve("config.xml"), String.join("\n", List.of(
                "<?xml version=\"1.0\"?>",
                "<yandex>",
                "  <logger><level>warning</level><log>" + dir.resolve("server.log") + "</log>"
                        + "<errorlog>" + dir.resolve("error.log") + "</errorlog><size>10M</size><count>1</count></logger>",
                "  <listen_host>127.0.0.1</listen_host>",
                "  <http_port>" + httpPort + "</http_port>",
                "  <tcp_port>" + tcpPort + "</tcp_port>",
                "  <path>" + dir.resolve("data") + "/</path>",
                "  <tmp_path>" + dir.resolve("tmp") + "/</tmp_path>",
                "  <users_config>" + dir.resolve("users.xml") + "</users_config>",
                "  <default_profile>default</default_profile>",
                "  <default_database>default</default_database>",
                "  <timezone>UTC</timezone>",
                "  <keep_alive_timeout>1</keep_alive_timeout>",
                "  <shutdown_wait_unfinished>1</shutdown_wait_unfinished>",
                "  <mark_cache_size>268435456</mark_cache_size>",
                "  <uncompressed_cache_size>268435456</uncompressed_cache_size>",
                "</yandex>", "")));
        Files.writeString(dir.resolve("users.xml"), String.join("\n", List.of(
                "<?xml version=\"1.0\"?>",
                "<yandex>",
                "  <profiles><default><allow_experimental_low_cardinality_type>1</allow_experimental_low_cardinality_type></default></profiles>",
                "  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks>"
                        + "<profile>default</profile><quota>default</quota></default></users>",
                "  <quotas><default></default></quotas>",
                "</yandex>", "")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
