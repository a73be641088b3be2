package io.cairn.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TSBS cpu-only ingest over InfluxDB line protocol with concurrent HTTP writers, against Cairn (started from
 * the exported jar) or a peer already running. The request bodies are generated into a file before the clock
 * starts. Settings are system properties: {@code target} (cairn | influxdb | victoriametrics | questdb),
 * {@code url} (a peer's base URL), {@code rows} (1,000,000), {@code hosts} (100), {@code batch} (5,000 lines),
 * {@code clients} (2), {@code seed} (1), {@code start} (2026-11-21T00:00:00Z), {@code jar}
 * (run/target/cairn.jar), {@code heap} (2g), {@code keep} (false: Cairn's data folder is deleted at the end), {@code format} (line | msgpack: the same rows as MessagePack
 * columnar items to Cairn's {@code /api/v1/write/msgpack}), {@code warmup} (0: rows of the file first written to
 * the database {@code bench_warmup} of a Cairn or InfluxDB target before the clock starts, then 5 s for them to be
 * flushed, so that the timed run meets a server whose JIT has compiled the write path, as a long-running one has).
 */
public final class LineProtocolIngestBench {
    private static final long INTERVAL_NS = 10_000_000_000L;

    private LineProtocolIngestBench() {
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.getLong("rows", 1_000_000);
        int hosts = Integer.getInteger("hosts", 100);
        int batch = Integer.getInteger("batch", 5_000);
        int clients = Integer.getInteger("clients", 2);
        long startNs = Instant.parse(System.getProperty("start", "2026-11-21T00:00:00Z")).toEpochMilli() * 1_000_000;
        long endNs = startNs + (rows - 1) / hosts * INTERVAL_NS;
        TsbsCpuGenerator generator = new TsbsCpuGenerator(hosts, Long.getLong("seed", 1), startNs, INTERVAL_NS);
        long g0 = System.nanoTime();
        boolean msgpack = System.getProperty("format", "line").equals("msgpack");
        try (BatchFile file = new BatchFile(msgpack ? generator::nextColumns : generator::nextBatch, rows, batch)) {
            System.out.printf(Locale.ROOT, "generated %,d rows (%,d hosts, %,d steps of 10 s) in %,d batches of %,d lines: "
                    + "%,d bytes (%.0f bytes/row) in %.1f s%n", rows, hosts, (rows + hosts - 1) / hosts, file.batches,
                    batch, file.bytes(), file.bytes() / (double) rows, (System.nanoTime() - g0) / 1e9);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            try (LineTarget target = LineTarget.of(System.getProperty("target", "cairn"), http)) {
                URI uri = msgpack ? target.msgpackUri() : target.writeUri();
                String contentType = msgpack ? "application/msgpack" : "text/plain; charset=utf-8";
                int warmup = (int) Math.min(file.batches, (Long.getLong("warmup", 0) + batch - 1) / batch);
                if (warmup > 0 && uri.toString().contains("db=bench")) {
                    URI warm = URI.create(uri.toString().replace("db=bench", "db=bench_warmup"));
                    double s = ingest(http, warm, contentType, file, warmup, clients);
                    System.out.printf(Locale.ROOT, "%s: warm-up of %,d batches into bench_warmup in %.1f s%n",
                            target.name(), warmup, s);
                    Thread.sleep(5_000);
                }
                double seconds = ingest(http, uri, contentType, file, file.batches, clients);
                System.out.printf(Locale.ROOT, "%s: %,d rows in %.1f s = %,.0f rows/s = %,.0f field values/s "
                        + "(%d clients, batches of %,d %s, %,d series)%n", target.name(), rows, seconds,
                        rows / seconds, rows * 10 / seconds, clients, batch, msgpack ? "msgpack columnar rows" : "lines", hosts);
                target.afterIngest(http, rows, startNs, endNs);
            }
        }
    }

    /** Posts the first {@code batches} batches, each client taking the next one not yet taken; returns the seconds. */
    static double ingest(HttpClient http, URI uri, String contentType, BatchFile file, int batches, int clients)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                        LineTarget.send(http, HttpRequest.newBuilder(uri)
                                .header("Content-Type", contentType)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(file.read(b))).build());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            pool.shutdownNow();
        }
    }
}
