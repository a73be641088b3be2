package io.cairn.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the query bench runs against: Cairn started from its jar (store, deploy folder and license from system
 * properties), or a peer already running at {@code -Durl=}; where to write line protocol and how to ask queries.
 */
final class QueryTarget implements AutoCloseable {
    static final String DATABASE = "bench";
    final String name;
    final URI writeUri;
    final QueryDialect dialect;
    private final String baseUrl;
    private final CairnProcess cairn;

    private QueryTarget(String name, URI writeUri, QueryDialect dialect, String baseUrl, CairnProcess cairn) {
        this.name = name;
        this.writeUri = writeUri;
        this.dialect = dialect;
        this.baseUrl = baseUrl;
        this.cairn = cairn;
    }

    static QueryTarget open(String target, HttpClient http) throws Exception {
        switch (target) {
            case "cairn":
                return startCairn(http);
            case "questdb": {
                String url = System.getProperty("url", "http://127.0.0.1:9000");
                return new QueryTarget(target, URI.create(url + "/write?precision=n"), new QuestDbDialect(url), url, null);
            }
            case "influxdb": {
                String url = System.getProperty("url", "http://127.0.0.1:8086");
                return new QueryTarget(target, URI.create(url + "/write?db=" + DATABASE + "&precision=ns"),
                        new InfluxQlDialect(url, DATABASE), url, null);
            }
            case "victoriametrics": {
                String url = System.getProperty("url", "http://127.0.0.1:8428");
                return new QueryTarget(target, URI.create(url + "/write?precision=ns"), new MetricsQlDialect(url), url, null);
            }
            default:
                throw new IllegalArgumentException("-Dtarget= cairn, questdb, influxdb or victoriametrics, not " + target);
        }
    }

    private static QueryTarget startCairn(HttpClient http) throws Exception {
        Map<String, String> env = new HashMap<>(CairnProcess.deployEnvironment());
        String store = System.getProperty("store", "lmdb");
        env.put("CAIRN_STORE", store);
        CairnProcess cairn = new CairnProcess(Path.of(System.getProperty("jar", "run/target/cairn.jar")),
                System.getProperty("heap", "2g"), env);
        String license = System.getProperty("license");
        if (license != null) {
            String answer = LineTarget.send(http, HttpRequest.newBuilder(cairn.uri("/api/v1/license"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(Path.of(license)))).build());
            System.out.println("cairn: license installed: " + answer);
        }
        System.out.printf(Locale.ROOT, "cairn: store %s, deploy %s, data %s%n", store,
                System.getProperty("deploy", "(default)"), cairn.dataDir);
        return new QueryTarget("cairn-" + store, cairn.uri("/write?db=" + DATABASE + "&precision=ns"),
                new CairnSqlDialect(cairn.uri("/api/v1/query/sql"), DATABASE), "http://127.0.0.1:" + cairn.port, cairn);
    }

    /** Removes an earlier load of the bench's data where the peer allows it cheaply; Cairn starts empty anyway. */
    void removeOldData(HttpClient http) throws Exception {
        if (name.equals("questdb")) {
            LineTarget.send(http, HttpRequest.newBuilder(URI.create(baseUrl + "/exec?query="
                    + QueryDialect.urlEncode("DROP TABLE IF EXISTS cpu"))).build());
        } else if (name.equals("influxdb")) {
            for (String statement : new String[] {"DROP DATABASE " + DATABASE, "CREATE DATABASE " + DATABASE}) {
                LineTarget.send(http, HttpRequest.newBuilder(URI.create(baseUrl + "/query"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("q=" + URLEncoder.encode(statement, StandardCharsets.UTF_8)))
                        .build());
            }
        }
    }

    /** Waits until the target counts every row, at most five minutes; returns the seconds it waited. */
    double awaitRows(HttpClient http, long rows, long startMs, long endMs) throws Exception {
        long t0 = System.nanoTime();
        long visible = -1;
        for (int i = 0; i < 3000 && visible != rows; i++) {
            if (i > 0) {
                Thread.sleep(100);
            }
            if (name.equals("victoriametrics")) {
                LineTarget.send(http, HttpRequest.newBuilder(URI.create(baseUrl + "/internal/force_flush")).build());
            }
            visible = dialect.parse(LineTarget.send(http, dialect.countRows(startMs, endMs))).singleCount();
        }
        if (visible != rows) {
            throw new IllegalStateException(name + ": " + visible + " of " + rows + " rows visible after 5 minutes");
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Prints what the target keeps on disk, where the bench knows (Cairn's data folder). */
    void printFootprint(long rows) throws Exception {
        if (cairn != null) {
            long bytes = cairn.bytesOnDisk("");
            System.out.printf(Locale.ROOT, "%s: data folder %,d bytes (%.2f bytes/field value, WAL included); peak RSS %,d MB%n",
                    name, bytes, bytes / (rows * 10.0), cairn.residentBytes() >> 20);
        }
    }

    @Override
    public void close() throws Exception {
        if (cairn != null) {
            cairn.close();
            if (!Boolean.getBoolean("keep")) {
                ServerFiles.deleteTree(cairn.dataDir);
            }
        }
    }
}
