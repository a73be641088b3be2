package io.cairn.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JSON ingest over HTTP with concurrent clients, then dashboard aggregate queries over what was
 * written, against a Cairn started from the exported jar. Settings are system properties:
 * {@code points} (10,000,000), {@code hosts} (1,000), {@code batch} (5,000), {@code clients} (2),
 * {@code jar} (run/target/cairn.jar), {@code heap} (2g).
 */
public final class JsonIngestAndQueryBench {
    private static final long STEP_MS = 10_000;

    private JsonIngestAndQueryBench() {
    }

    public static void main(String[] args) throws Exception {
        long points = Long.getLong("points", 10_000_000);
        int hosts = Integer.getInteger("hosts", 1_000);
        int batch = Integer.getInteger("batch", 5_000);
        int clients = Integer.getInteger("clients", 2);
        Path jar = Path.of(System.getProperty("jar", "run/target/cairn.jar"));
        long steps = points / hosts;
        long startMs = (System.currentTimeMillis() - steps * STEP_MS - 60_000) / 60_000 * 60_000;
        try (CairnProcess cairn = new CairnProcess(jar, System.getProperty("heap", "2g"))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            long batches = (steps * hosts + batch - 1) / batch;
            AtomicLong accepted = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long t0 = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    for (long b = client; b < batches; b += clients) {
                        byte[] body = body(b * batch, Math.min(batch, steps * hosts - b * batch), hosts, startMs);
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(cairn.uri("/api/v1/write?db=bench"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException(r.statusCode() + " " + r.body());
                        }
                        accepted.addAndGet(Math.min(batch, steps * hosts - b * batch));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            pool.shutdown();
            System.out.printf(Locale.ROOT, "ingest: %,d points in %.1f s = %,.0f points/s (%d clients, batches of %d, %d series)%n",
                    accepted.get(), seconds, accepted.get() / seconds, clients, batch, hosts);
            String all = "\"timeRange\":{\"start\":" + startMs + ",\"end\":" + (startMs + steps * STEP_MS) + "}";
            awaitVisible(http, cairn, all, accepted.get());
            System.out.printf(Locale.ROOT, "disk: %,d bytes in lmdb = %.2f bytes/point; peak RSS %,d MB%n",
                    cairn.bytesOnDisk("lmdb"), cairn.bytesOnDisk("lmdb") / (double) accepted.get(),
                    cairn.residentBytes() >> 20);
            query(http, cairn, "avg over all points", accepted.get(),
                    "{\"queryType\":\"aggregate\",\"metricName\":\"cpu\",\"aggregation\":\"avg\"," + all + "}");
            query(http, cairn, "max per region per hour", accepted.get(),
                    "{\"queryType\":\"aggregate\",\"metricName\":\"cpu\",\"aggregation\":\"max\",\"groupBy\":[\"region\"],"
                            + "\"interval\":\"1h\"," + all + "}");
            query(http, cairn, "p95 of one host", steps,
                    "{\"queryType\":\"aggregate\",\"metricName\":\"cpu\",\"aggregation\":\"p95\","
                            + "\"filters\":{\"host\":\"host_7\"}," + all + "}");
            query(http, cairn, "sum per region", accepted.get(),
                    "{\"queryType\":\"aggregate\",\"metricName\":\"cpu\",\"aggregation\":\"sum\",\"groupBy\":[\"region\"]," + all + "}");
        }
    }

    private static byte[] body(long first, long count, int hosts, long startMs) {
        StringBuilder sb = new StringBuilder((int) count * 110).append("{\"metrics\":[");
        for (long i = first; i < first + count; i++) {
            long step = i / hosts;
            int host = (int) (i % hosts);
            double value = Math.round((50 + 30 * Math.sin(step / 60.0 + host)) * 100) / 100.0;
            sb.append(i == first ? "" : ",").append("{\"name\":\"cpu\",\"timestamp\":").append(startMs + step * STEP_MS)
                    .append(",\"value\":").append(value).append(",\"dimensions\":{\"host\":\"host_").append(host)
                    .append("\",\"region\":\"region_").append(host % 10).append("\"}}");
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void awaitVisible(HttpClient http, CairnProcess cairn, String range, long points) throws Exception {
        String count = "{\"queryType\":\"aggregate\",\"metricName\":\"cpu\",\"aggregation\":\"count\"," + range + "}";
        for (int i = 0; i < 600; i++) {
            String body = post(http, cairn, count);
            if (body.contains("\"count\":" + points)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("not all points became visible");
    }

    private static void query(HttpClient http, CairnProcess cairn, String name, long points, String json) throws Exception {
        post(http, cairn, json);
        long[] nanos = new long[7];
        for (int i = 0; i < nanos.length; i++) {
            long t = System.nanoTime();
            post(http, cairn, json);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        double ms = nanos[nanos.length / 2] / 1e6;
        System.out.printf(Locale.ROOT, "query %-22s median %8.1f ms over %,d points = %,.0f points/s%n",
                name, ms, points, points / (ms / 1000));
    }

    private static String post(HttpClient http, CairnProcess cairn, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(cairn.uri("/api/v1/query?db=bench"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
        return r.body();
    }
}
