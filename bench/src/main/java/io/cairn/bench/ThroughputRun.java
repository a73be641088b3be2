package io.cairn.bench;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/** Runs one query type from several client threads for a fixed time and reports queries/s, errors and latency. */
final class ThroughputRun {
    private final QueryTarget target;
    private final HttpClient http;
    private final TsbsQueryBench.QueryDraw draw;

    ThroughputRun(QueryTarget target, HttpClient http, TsbsQueryBench.QueryDraw draw) {
        this.target = target;
        this.http = http;
        this.draw = draw;
    }

    void run(TsbsQueryType type, int clients, int seconds) throws Exception {
        Random warm = draw.random(type, 1);
        for (int i = 0; i < Integer.getInteger("warmup", 5); i++) {
            http.send(target.dialect.request(draw.next(type, warm)).orElseThrow(() -> new IllegalArgumentException(
                    type.id + " is not expressible in " + target.dialect.name())), HttpResponse.BodyHandlers.ofString());
        }
        AtomicLong errors = new AtomicLong();
        List<String> firstError = new ArrayList<>();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        List<Future<long[]>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Random random = draw.random(type, 100 + c);
            done.add(pool.submit(() -> {
                long[] nanos = new long[1024];
                int n = 0;
                while (System.nanoTime() < deadline) {
                    long q0 = System.nanoTime();
                    HttpResponse<String> r = http.send(target.dialect.request(draw.next(type, random)).orElseThrow(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() / 100 != 2) {
                        errors.incrementAndGet();
                        synchronized (firstError) {
                            if (firstError.isEmpty()) {
                                firstError.add(r.statusCode() + " " + r.body());
                            }
                        }
                        continue;
                    }
                    if (n == nanos.length) {
                        nanos = Arrays.copyOf(nanos, n * 2);
                    }
                    nanos[n++] = System.nanoTime() - q0;
                }
                return Arrays.copyOf(nanos, n);
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> f : done) {
            for (long n : f.get()) {
                all.add(n);
            }
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        pool.shutdownNow();
        LatencyStats s = new LatencyStats(all.stream().mapToLong(Long::longValue).toArray());
        System.out.printf(Locale.ROOT, "%s %s: %d clients for %.1f s: %,d queries = %.1f queries/s, %d errors%s; "
                + "latency mean %.1f ms, p50 %.1f ms, p99 %.1f ms; load average %s%n", target.name, type.id, clients, elapsed,
                s.count(), s.count() / elapsed, errors.get(), firstError.isEmpty() ? "" : " (first: " + firstError.get(0) + ")",
                s.mean(), s.percentile(50), s.percentile(99), TsbsQueryBench.loadAverage());
    }
}
