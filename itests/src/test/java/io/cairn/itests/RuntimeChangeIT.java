package io.cairn.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

/**
 * Bundles of a running Cairn are updated, stopped and started through the admin API while writers
 * run: every acknowledged write is queryable afterwards and no answer is a 5xx other than 503.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class RuntimeChangeIT extends CairnTestSupport {

    @Test
    public void updatingTheStoreBundleLosesNoWrite() throws Exception {
        Http.awaitHealthy();
        try (Writers writers = new Writers("update_store", 2)) {
            Thread.sleep(1_000);
            assertEquals(200, update("io.cairn.store-lmdb", "store-lmdb").status());
            System.out.println("store update: queries answered again after " + queryGapMillis("update_store") + " ms");
            Thread.sleep(1_000);
            writers.close();
            assertEverythingArrived("update_store", writers);
        }
    }

    @Test
    public void stoppingTheStoreForFiveSecondsLosesNoWrite() throws Exception {
        Http.awaitHealthy();
        try (Writers writers = new Writers("stop_store", 2)) {
            Thread.sleep(500);
            assertEquals(200, admin("POST", "/api/v1/admin/bundles/io.cairn.store-lmdb/stop").status());
            Http.Response during = Http.post("/api/v1/query?db=stop_store", sumQuery());
            assertEquals(during.body(), 503, during.status());
            assertEquals("STORE_UNAVAILABLE", during.errorCode());
            assertTrue(during.raw().headers().firstValue("Retry-After").isPresent());
            Thread.sleep(5_000);
            assertEquals(200, admin("POST", "/api/v1/admin/bundles/io.cairn.store-lmdb/start").status());
            Thread.sleep(500);
            writers.close();
            assertEverythingArrived("stop_store", writers);
        }
    }

    @Test
    public void updatingIngestAndQueryBundlesLosesNoWrite() throws Exception {
        Http.awaitHealthy();
        try (Writers writers = new Writers("update_engine", 2)) {
            Thread.sleep(1_000);
            assertEquals(200, update("io.cairn.ingest", "ingest").status());
            Thread.sleep(1_000);
            assertEquals(200, update("io.cairn.query", "query").status());
            System.out.println("query update: queries answered again after " + queryGapMillis("update_engine") + " ms");
            Thread.sleep(1_000);
            writers.close();
            assertEverythingArrived("update_engine", writers);
        }
    }

    @Test
    public void aStoreDroppedIntoTheDeployFolderTakesTheWritesMadeWithoutOne() throws Exception {
        Http.awaitHealthy();
        try (Writers writers = new Writers("deploy_store", 2)) {
            Thread.sleep(500);
            assertEquals(204, admin("DELETE", "/api/v1/admin/bundles/io.cairn.store-lmdb").status());
            assertEquals(503, Http.get("/api/v1/health").status());
            Thread.sleep(1_000);
            File deploy = new File(System.getProperty("felix.fileinstall.dir"));
            deploy.mkdirs();
            Files.copy(jar("store-lmdb").toPath(), deploy.toPath().resolve("store-lmdb.jar"));
            long deadline = System.currentTimeMillis() + 20_000;
            while (Http.get("/api/v1/health").status() != 200 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(200, Http.get("/api/v1/health").status());
            Thread.sleep(500);
            writers.close();
            assertEverythingArrived("deploy_store", writers);
        }
    }

    private static File jar(String artifact) {
        File[] jars = new File(System.getProperty("cairn.itest.bundles"))
                .listFiles((d, n) -> n.startsWith(artifact + "-") && n.endsWith(".jar"));
        assertEquals(1, jars.length);
        return jars[0];
    }

    private static Http.Response update(String symbolicName, String artifact) throws Exception {
        return Http.send(HttpRequest.newBuilder(Http.uri("/api/v1/admin/bundles/" + symbolicName))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(jar(artifact).toPath()))));
    }

    private static Http.Response admin(String method, String path) throws Exception {
        return Http.send(HttpRequest.newBuilder(Http.uri(path)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private static String sumQuery() {
        return "{\"queryType\":\"aggregate\",\"metricName\":\"" + Writers.MEASUREMENT
                + "\",\"field\":\"v\",\"aggregation\":\"sum\",\"timeRange\":{\"relative\":\"1h\"}}";
    }

    /** Returns how long until a query answers 200 again, polling from now. */
    private static long queryGapMillis(String db) throws Exception {
        long start = System.nanoTime();
        while (Http.post("/api/v1/query?db=" + db, sumQuery()).status() != 200) {
            Thread.sleep(10);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void assertEverythingArrived(String db, Writers writers) throws Exception {
        assertEquals("5xx other than 503: " + writers.serverErrors(), 0, writers.serverErrors().size());
        assertTrue(writers.acknowledged() > 0);
        long deadline = System.currentTimeMillis() + 30_000;
        JsonNode result;
        do {
            Thread.sleep(200);
            Http.Response r = Http.post("/api/v1/query?db=" + db, sumQuery());
            result = r.status() == 200 && r.json().get("results").size() > 0 ? r.json().get("results").get(0) : null;
        } while ((result == null || result.get("count").asLong() < writers.acknowledged())
                && System.currentTimeMillis() < deadline);
        assertTrue("no result", result != null);
        assertEquals(writers.acknowledged(), result.get("count").asLong());
        assertEquals((double) writers.valueSum(), result.get("value").asDouble(), 0.0);
    }
}
