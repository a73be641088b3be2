package io.cairn.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java heap of a server process read from its garbage-collection log ({@code -Xlog:gc}), which costs the
 * server nothing while it runs (sampling with {@code jstat} started a JVM twice a second on a 2-core machine): the
 * peak is the highest heap before any collection; {@link #liveAfterGc} asks for a full collection with
 * {@code jcmd} and reads what it left.
 */
final class ServerHeap {
    private static final Pattern COLLECTION = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\(\\d+[KMG]\\)");
    private final Path gcLog;
    private final long pid;

    ServerHeap(Path gcLog, long pid) {
        this.gcLog = gcLog;
        this.pid = pid;
    }

    /** Returns the highest heap in use before a collection so far, or -1 before the first collection. */
    long peakBytes() throws IOException {
        long peak = -1;
        for (String line : lines()) {
            Matcher m = COLLECTION.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, bytes(m.group(1), m.group(2)));
            }
        }
        return peak;
    }

    /** Runs a full collection in the server and returns the heap it left in use, or -1 if the log does not say. */
    long liveAfterGc() throws IOException, InterruptedException {
        int before = lines().size();
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        jcmd.waitFor(60, TimeUnit.SECONDS);
        for (int i = 0; i < 50; i++) {
            List<String> lines = lines();
            for (String line : lines.subList(Math.min(before, lines.size()), lines.size())) {
                Matcher m = COLLECTION.matcher(line);
                if (line.contains("Pause Full") && m.find()) {
                    return bytes(m.group(3), m.group(4));
                }
            }
            Thread.sleep(100);
        }
        return -1;
    }

    private List<String> lines() throws IOException {
        return Files.exists(gcLog) ? Files.readAllLines(gcLog, StandardCharsets.UTF_8) : List.of();
    }

    static long bytes(String amount, String unit) {
        long n = Long.parseLong(amount);
        return switch (unit) {
            case "K" -> n << 10;
            case "M" -> n << 20;
            default -> n << 30;
        };
    }
}
