package io.cairn.bench;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Times queries one at a time over one kept-alive connection ({@link BlockingHttp}) and records their latencies, or
 * the failure, in a target's {@link CardinalityFigures}.
 */
final class TimedQueries implements AutoCloseable {
    private final BlockingHttp http = new BlockingHttp();
    private final CardinalityFigures figures;

    TimedQueries(CardinalityFigures figures) {
        this.figures = figures;
    }

    /** Sends {@code request(i)} for each run, timing each; returns the answers, or none once one fails. */
    List<String> run(String what, String how, int runs, IntFunction<HttpRequest> request) throws IOException {
        figures.how.put(what, how);
        long[] nanos = new long[runs];
        List<String> answers = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            HttpRequest r = request.apply(i);
            long t = System.nanoTime();
            BlockingHttp.Reply reply = http.send(r);
            nanos[i] = System.nanoTime() - t;
            if (reply.status() / 100 != 2) {
                figures.failures.put(what, reply.status() + " " + shortened(reply.body(), 200));
                System.out.printf(Locale.ROOT, "%s: %s (%s): failed: %s%n", figures.target, what, how,
                        figures.failures.get(what));
                return List.of();
            }
            answers.add(reply.body());
        }
        LatencyStats stats = new LatencyStats(nanos);
        figures.latencies.put(what, stats);
        System.out.printf(Locale.ROOT, "%s: %s (%s): %d runs, p50 %.1f ms, p95 %.1f ms, max %.1f ms (load average %s);"
                + " last answer %s%n", figures.target, what, how, stats.count(), stats.percentile(50),
                stats.percentile(95), stats.percentile(100), TsbsQueryBench.loadAverage(),
                shortened(answers.get(runs - 1), 300));
        return answers;
    }

    private static String shortened(String text, int max) {
        return text.length() > max ? text.substring(0, max) + "..." : text;
    }

    @Override
    public void close() {
        http.close();
    }
}
