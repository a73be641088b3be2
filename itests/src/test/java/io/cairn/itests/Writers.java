package io.cairn.itests;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Line-protocol writers that run while a test changes Cairn: each posts small batches of points
 * with unique times and values, retries a batch until it is acknowledged (as clients do) and
 * counts what was acknowledged and every answer that was a 5xx other than 503.
 */
final class Writers implements AutoCloseable {
    static final String MEASUREMENT = "load";
    private static final int BATCH = 50;

    private final String database;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong valueSum = new AtomicLong();
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final long base = (System.currentTimeMillis() - 600_000) * 1_000_000L;

    Writers(String database, int count) {
        this.database = database;
        for (int w = 0; w < count; w++) {
            int writer = w;
            Thread t = new Thread(() -> run(writer), "writer-" + w);
            t.start();
            threads.add(t);
        }
    }

    private void run(int writer) {
        long sequence = 0;
        while (running.get()) {
            StringBuilder body = new StringBuilder();
            long sum = 0;
            for (int i = 0; i < BATCH; i++, sequence++) {
                long value = sequence % 1000;
                sum += value;
                body.append(MEASUREMENT).append(",writer=w").append(writer).append(" v=").append(value)
                        .append("i ").append(base + sequence * 1_000L).append('\n');
            }
            while (true) {
                int status = post(body.toString());
                statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                if (status == 204) {
                    acknowledged.addAndGet(BATCH);
                    valueSum.addAndGet(sum);
                    break;
                }
                if (!running.get()) {
                    return;
                }
                pause(20);
            }
        }
    }

    private int post(String body) {
        try {
            return Http.post("/write?db=" + database, body.getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "text/plain").status();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns the number of points acknowledged so far. */
    long acknowledged() {
        return acknowledged.get();
    }

    /** Returns the sum of the values acknowledged so far. */
    long valueSum() {
        return valueSum.get();
    }

    /** Returns how many answers were a 5xx other than 503, by status. */
    Map<Integer, Long> serverErrors() {
        Map<Integer, Long> errors = new TreeMap<>();
        statuses.forEach((status, n) -> {
            if (status >= 500 && status != 503) {
                errors.put(status, n.get());
            }
        });
        return errors;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
    }
}
