package io.cairn.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Java heap of a server process seen from outside: its pid (found by its data folder on its command line)
 * and the used heap read with {@code jstat -gc} by a sampling thread, keeping the peak; {@link #liveAfterGc}
 * runs a full collection first.
 */
final class ServerHeap implements AutoCloseable {
    private final long pid;
    private final Thread sampler;
    private volatile long peakBytes;
    private volatile boolean stopped;

    ServerHeap(Path dataDir) throws IOException {
        pid = pidOf("-Dcairn.data.dir=" + dataDir);
        sampler = new Thread(() -> {
            while (!stopped) {
                try {
                    peakBytes = Math.max(peakBytes, usedBytes());
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private static long pidOf(String marker) throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmdline.contains(marker) && cmdline.contains("-jar")) {
                        return Long.parseLong(p.getFileName().toString());
                    }
                } catch (IOException gone) {
                    // the process ended while listing
                }
            }
        }
        throw new IllegalStateException("no server process with " + marker);
    }

    long pid() {
        return pid;
    }

    /** Returns the peak used heap sampled so far. */
    long peakBytes() {
        return peakBytes;
    }

    /** Runs a full collection in the server and returns the heap still used. */
    long liveAfterGc() throws IOException {
        run(tool("jcmd"), String.valueOf(pid), "GC.run");
        return usedBytes();
    }

    /** Returns the heap used now: survivor, eden and old space. */
    long usedBytes() throws IOException {
        List<String> lines = run(tool("jstat"), "-gc", String.valueOf(pid)).lines().toList();
        String[] names = lines.get(0).trim().split("\\s+");
        String[] values = lines.get(1).trim().split("\\s+");
        double kb = 0;
        for (int i = 0; i < names.length; i++) {
            if (List.of("S0U", "S1U", "EU", "OU").contains(names[i])) {
                kb += Double.parseDouble(values[i]);
            }
        }
        return (long) (kb * 1024);
    }

    private static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    private static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        stopped = true;
        sampler.interrupt();
    }
}
