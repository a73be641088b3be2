package io.cairn.bench;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Runs each query type one query at a time: warm-ups of every type first, then the timed queries; prints a table row per type
 * and checks the first answers of each type against the brute-force ones. A type whose query fails is reported
 * as failed and the run goes on with the next type.
 */
final class QuerySetRun {
    private final QueryTarget target;
    private final BlockingHttp http = new BlockingHttp();
    private final TsbsQueryBench.QueryDraw draw;
    private final BruteForceAnswers oracle;
    private final int queries = Integer.getInteger("queries", 100);
    private final int warmup = Integer.getInteger("warmup", 5);
    private final int checks = Integer.getInteger("checks", 3);
    private final long typeBudgetNs = Long.getLong("typeSeconds", 60) * 1_000_000_000L;

    QuerySetRun(QueryTarget target, TsbsQueryBench.QueryDraw draw, BruteForceAnswers oracle) {
        this.target = target;
        this.draw = draw;
        this.oracle = oracle;
    }

    /**
     * Runs the types and returns the problems found: wrong answers and failed queries (empty when none). Every
     * type's warm-up runs before any type is timed, so the first type timed does not pay for the server's warm-up.
     */
    List<String> run(List<TsbsQueryType> types) throws Exception {
        List<String> problems = new ArrayList<>();
        Map<TsbsQueryType, String> failed = new HashMap<>();
        for (TsbsQueryType type : types) {
            Random warm = draw.random(type, 1);
            try {
                for (int i = 0; i < warmup && expressible(type); i++) {
                    send(draw.next(type, warm));
                }
            } catch (IllegalStateException e) {
                failed.put(type, e.getMessage());
            }
        }
        System.out.printf(Locale.ROOT, "%n%s, %d queries per type (at most %d s of them) after %d warm-up each, 1 client%n",
                target.name, queries, typeBudgetNs / 1_000_000_000L, warmup);
        System.out.println("| query | n | mean ms | p50 ms | p95 ms | p99 ms | queries/s | server p50 ms | rows (1st query) | checked | load avg |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (TsbsQueryType type : types) {
            if (!expressible(type)) {
                System.out.printf(Locale.ROOT, "| %s | not expressible in %s | | | | | | | | | |%n", type.id, target.dialect.name());
                continue;
            }
            try {
                if (failed.containsKey(type)) {
                    throw new IllegalStateException(failed.get(type));
                }
                runType(type, problems);
            } catch (IllegalStateException e) {
                problems.add(e.getMessage());
                System.out.printf(Locale.ROOT, "| %s | failed: %s | | | | | | | | | %s |%n", type.id,
                        e.getMessage().substring(0, Math.min(200, e.getMessage().length())), TsbsQueryBench.loadAverage());
            }
        }
        return problems;
    }

    private boolean expressible(TsbsQueryType type) {
        return target.dialect.request(draw.next(type, draw.random(type, 1))).isPresent();
    }

    private void runType(TsbsQueryType type, List<String> problems) throws Exception {
        Random timed = draw.random(type, 0);
        long[] nanos = new long[queries];
        long[] serverNanos = new long[queries];
        List<TsbsQuery> kept = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        long budgetEnd = System.nanoTime() + typeBudgetNs;
        int done = 0;
        for (int i = 0; i < queries && (i == 0 || System.nanoTime() < budgetEnd); i++, done++) {
            TsbsQuery q = draw.next(type, timed);
            long t0 = System.nanoTime();
            String body = send(q);
            nanos[i] = System.nanoTime() - t0;
            serverNanos[i] = Math.round(target.dialect.serverMillis(body) * 1_000_000);
            if (i < Math.max(1, checks)) {
                kept.add(q);
                answers.add(body);
            }
        }
        int firstRows = target.dialect.parse(answers.get(0)).rows().size();
        String checked = check(type, kept, answers, problems);
        LatencyStats s = new LatencyStats(Arrays.copyOf(nanos, done));
        LatencyStats server = new LatencyStats(Arrays.copyOf(serverNanos, done));
        System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %s | %,d | %s | %s |%n", type.id, done,
                s.mean(), s.percentile(50), s.percentile(95), s.percentile(99), s.sequentialRate(),
                server.percentile(50) < 0 ? "-" : String.format(Locale.ROOT, "%.1f", server.percentile(50)), firstRows,
                checked, TsbsQueryBench.loadAverage());
    }

    private String check(TsbsQueryType type, List<TsbsQuery> kept, List<String> answers, List<String> problems) {
        if (oracle == null || !BruteForceAnswers.answers(type) || checks == 0) {
            return "-";
        }
        int n = Math.min(checks, kept.size());
        for (int i = 0; i < n; i++) {
            try {
                AnswerCheck.requireSame(target.name, kept.get(i), oracle.answer(kept.get(i)),
                        target.dialect.parse(answers.get(i)));
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
                return "WRONG";
            }
        }
        return n + " ok";
    }

    /**
     * Sends one query on this thread ({@link BlockingHttp}, the same way for every target) and returns its answer; a
     * non-2xx status is an IllegalStateException with the target's message.
     */
    private String send(TsbsQuery q) throws Exception {
        Optional<HttpRequest> request = target.dialect.request(q);
        BlockingHttp.Reply r = http.send(request.orElseThrow());
        if (r.status() / 100 != 2) {
            throw new IllegalStateException(target.name + " " + q.type().id + " -> " + r.status() + " " + r.body());
        }
        return r.body();
    }
}
