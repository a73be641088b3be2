package io.cairn.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Test;

/**
 * No query is answered unaudited while the exported jar stops: with the signed audit bundle deployed, a license
 * and {@code include.reads=true}, several clients query until a SIGTERM ends the server, and every query it
 * answered with data (200; each names itself with {@code n=<id>}) must be a {@code data.query} event in the
 * audit files.
 */
public class AuditStopIT {
    private static final int CLIENTS = 6;
    private static final String AUDIT_REFUSAL = "AUDIT_UNAVAILABLE";
    private Process cairn;

    @After
    public void stop() throws Exception {
        if (cairn != null) {
            cairn.destroyForcibly().waitFor();
        }
    }

    @Test
    public void everyQueryAnsweredAroundASigtermIsAudited() throws Exception {
        Path folder = ExportedJar.folder("audit-stop");
        Path data = folder.resolve("data");
        Path deploy = Files.createDirectories(folder.resolve("deploy"));
        Files.write(Files.createDirectories(data.resolve("license")).resolve("license.json"),
                Licenses.signed("L-audit-stop", Instant.now().plus(Duration.ofDays(100)), "audit_logging"));
        Files.writeString(deploy.resolve("io.cairn.enterprise.audit.cfg"), "include.reads=true\n");
        Files.copy(Path.of(Licenses.jarOf("io/cairn/enterprise/audit/internal/AuditServlet.class")),
                deploy.resolve("cairn-enterprise-audit.jar"));
        cairn = ExportedJar.start(folder, ExportedJar.takePort(), "256m",
                List.of("cairn.auth.enabled=false", "cairn.data.dir=" + data, "cairn.deploy.dir=" + deploy), Map.of());
        Http.awaitHealthy();
        awaitAudited(data);

        Map<Long, Integer> answered = new ConcurrentHashMap<>();
        Map<Integer, Integer> otherAnswers = new ConcurrentHashMap<>();
        AtomicLong next = new AtomicLong(1_000);
        AtomicLong refused = new AtomicLong();
        AtomicBoolean stopped = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            Thread client = new Thread(() -> query(next, answered, otherAnswers, refused, stopped), "audit-stop-client-" + c);
            client.start();
            clients.add(client);
        }
        Thread.sleep(1_500);
        cairn.destroy();
        assertTrue("the server did not stop within 60 s of SIGTERM", cairn.waitFor(60, TimeUnit.SECONDS));
        stopped.set(true);
        for (Thread client : clients) {
            client.join();
        }

        Set<Long> audited = auditedQueries(data);
        Set<Long> missing = new TreeSet<>(answered.keySet());
        missing.removeAll(audited);
        String log = serverLog(folder);
        String figures = answered.size() + " queries answered, " + refused.get() + " refused by the closing audit log, "
                + "other statuses (no data read) " + otherAnswers + ", "
                + missing.size() + " answered without an audit event " + (missing.size() > 20 ? "" : missing);
        System.out.println("AuditStopIT: " + figures);
        assertTrue("too few queries to show anything: " + figures, answered.size() >= 50);
        assertEquals(figures, Set.of(), missing);
        assertFalse("Jetty found no slf4j provider (SPI Fly did not weave it)", log.contains("No SLF4J providers"));
        assertTrue("Jetty never started", log.contains("Started Jetty"));
    }

    /** Queries until the server stops answering after the SIGTERM, keeping the status of each answered query. */
    private static void query(AtomicLong next, Map<Long, Integer> answered, Map<Integer, Integer> otherAnswers,
            AtomicLong refused, AtomicBoolean stopped) {
        while (!stopped.get()) {
            long n = next.incrementAndGet();
            try {
                Http.Response r = Http.send(HttpRequest.newBuilder(Http.uri("/api/v1/metrics?db=auditstop&n=" + n))
                        .timeout(Duration.ofSeconds(10)).GET());
                if (r.status() == 503 && r.body().contains(AUDIT_REFUSAL)) {
                    refused.incrementAndGet();
                } else if (r.status() == 200) {
                    answered.put(n, r.status());
                } else {
                    otherAnswers.merge(r.status(), 1, Integer::sum);
                }
            } catch (IOException notAnswered) {
                // refused or cut connection: the server did not answer this query
            } catch (Exception e) {
                return;
            }
        }
    }

    /** Waits until a query shows up in the audit files: the bundle runs with its configuration. */
    private static void awaitAudited(Path data) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            Http.get("/api/v1/metrics?db=auditstop&n=1");
            if (auditedQueries(data).contains(1L)) {
                return;
            }
            assertTrue("the audit bundle never recorded a query", System.currentTimeMillis() < deadline);
            Thread.sleep(500);
        }
    }

    /** The {@code n} of every data.query event in the audit day files. */
    private static Set<Long> auditedQueries(Path data) throws IOException {
        Set<Long> found = new TreeSet<>();
        Path dir = data.resolve("audit");
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    JsonNode event = line.isBlank() ? null : Http.JSON.readTree(line);
                    if (event != null && "data.query".equals(event.path("event_type").asText())) {
                        for (String part : event.path("detail").path("query").asText().split("&")) {
                            if (part.startsWith("n=")) {
                                found.add(Long.parseLong(part.substring(2)));
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    private static String serverLog(Path folder) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path log : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                all.append(Files.readString(log, StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }
}
