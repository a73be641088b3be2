package io.cairn.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Where the line-protocol bench writes: Cairn started from its jar, or a peer already running at a URL. */
interface LineTarget extends AutoCloseable {

    String name();

    URI writeUri();

    /** Returns where MessagePack columnar batches go; only Cairn takes them. */
    default URI msgpackUri() {
        throw new UnsupportedOperationException(name() + " does not take Cairn's MessagePack columnar format");
    }

    /** Called once every batch is acknowledged: waits for what the target needs and prints its own figures. */
    default void afterIngest(HttpClient http, long rows, long startNs, long endNs) throws Exception {
    }

    @Override
    default void close() throws Exception {
    }

    static LineTarget of(String target, HttpClient http) throws Exception {
        switch (target) {
            case "cairn":
                return new CairnLineTarget(new CairnProcess(Path.of(System.getProperty("jar", "run/target/cairn.jar")),
                        System.getProperty("heap", "2g"), CairnProcess.deployEnvironment()));
            case "influxdb":
                String influx = System.getProperty("url", "http://127.0.0.1:8086");
                send(http, HttpRequest.newBuilder(URI.create(influx + "/query"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "q=" + URLEncoder.encode("CREATE DATABASE bench", StandardCharsets.UTF_8))).build());
                return peer("influxdb", influx + "/write?db=bench");
            case "victoriametrics":
                return peer("victoriametrics", System.getProperty("url", "http://127.0.0.1:8428") + "/write");
            case "questdb":
                return peer("questdb", System.getProperty("url", "http://127.0.0.1:9000") + "/write?precision=n");
            default:
                throw new IllegalArgumentException("-Dtarget= cairn, influxdb, victoriametrics or questdb, not " + target);
        }
    }

    private static LineTarget peer(String name, String writeUrl) {
        URI uri = URI.create(writeUrl);
        return new LineTarget() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public URI writeUri() {
                return uri;
            }
        };
    }

    /** Sends a request and returns the body of its 2xx answer; any other status aborts with the body. */
    static String send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }
}
