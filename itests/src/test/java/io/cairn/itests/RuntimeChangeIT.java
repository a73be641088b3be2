package io.cairn.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
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
    public void updatingTheStoreBundleToANewVersionLosesNoWrite() throws Exception {
        Http.awaitHealthy();
        try (Writers writers = new Writers("update_store", 2)) {
            Thread.sleep(1_000);
            byte[] newer = withVersion(Files.readAllBytes(jar("store-lmdb").toPath()), "0.1.1.itest");
            long started = System.nanoTime();
            Http.Response updated = Http.send(HttpRequest.newBuilder(Http.uri("/api/v1/admin/bundles/io.cairn.store-lmdb"))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(newer)));
            assertEquals(updated.body(), 200, updated.status());
            assertEquals("0.1.1.itest", updated.json().get("version").asText());
            assertEquals("active", updated.json().get("state").asText());
            long gap = queryableAfter("update_store", started);
            System.out.println("store update: queries answered again after " + gap + " ms");
            assertTrue("queries answered again only after " + gap + " ms", gap < 2_000);
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
            long started = System.nanoTime();
            assertEquals(200, update("io.cairn.query", "query").status());
            long gap = queryableAfter("update_engine", started);
            System.out.println("query update: queries answered again after " + gap + " ms");
            assertTrue("queries answered again only after " + gap + " ms", gap < 2_000);
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

    @Test
    public void aStoreConfigurationDroppedIntoTheDeployFolderKeepsTheStoreActive() throws Exception {
        Http.awaitHealthy();
        File deploy = new File(System.getProperty("felix.fileinstall.dir"));
        deploy.mkdirs();
        File cfg = new File(deploy, "io.cairn.store.lmdb.cfg");
        Files.writeString(cfg.toPath(), "series.cache.size=54321\n");
        String configuredAndActive = "cairn_store_series_cache_capacity{store=\"lmdb\",active=\"true\"} 54321";
        try {
            long deadline = System.currentTimeMillis() + 20_000;
            while (!Http.get("/metrics").body().contains(configuredAndActive) && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(1_000);
            String metrics = Http.get("/metrics").body();
            assertTrue("the store took the file's configuration and stayed active", metrics.contains(configuredAndActive));
            assertEquals("the file is left as it was written", "series.cache.size=54321\n", Files.readString(cfg.toPath()));
            assertEquals(200, Http.get("/api/v1/health").status());
            try (Writers writers = new Writers("cfg_store", 1)) {
                Thread.sleep(500);
                writers.close();
                assertEverythingArrived("cfg_store", writers);
            }
        } finally {
            Files.deleteIfExists(cfg.toPath());
        }
    }

    @Test
    public void twentyStoreUpdatesLeaveNoThreadFileOrEnvironmentBehind() throws Exception {
        Http.awaitHealthy();
        byte[] jar = Files.readAllBytes(jar("store-lmdb").toPath());
        try (Writers writers = new Writers("twenty", 1)) {
            Thread.sleep(500);
            Resources before = Resources.now();
            for (int i = 0; i < 20; i++) {
                Http.Response r = Http.send(HttpRequest.newBuilder(Http.uri("/api/v1/admin/bundles/io.cairn.store-lmdb"))
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(jar)));
                assertEquals(r.body(), 200, r.status());
                queryableAfter("twenty", System.nanoTime());
            }
            Thread.sleep(1_000);
            Resources after = Resources.now();
            System.out.println("20 store updates: before " + before + ", after " + after);
            assertEquals(1, after.lmdbEnvironments());
            assertTrue(before + " then " + after, after.threads() <= before.threads() + 2);
            assertTrue(before + " then " + after, after.fileDescriptors() <= before.fileDescriptors() + 4);
            writers.close();
            assertEverythingArrived("twenty", writers);
        }
    }

    /** Live threads, open file descriptors and mapped LMDB data files of this JVM (Linux /proc). */
    record Resources(int threads, int fileDescriptors, long lmdbEnvironments) {
        static Resources now() throws Exception {
            System.gc();
            Thread.sleep(200);
            String[] fds = new File("/proc/self/fd").list();
            long environments;
            try (var maps = Files.lines(new File("/proc/self/maps").toPath())) {
                environments = maps.filter(l -> l.endsWith("/data.mdb")).map(l -> l.substring(l.indexOf('/')))
                        .distinct().count();
            }
            return new Resources(Thread.activeCount(), fds == null ? 0 : fds.length, environments);
        }
    }

    /** Returns a copy of a bundle jar whose manifest says another Bundle-Version: a new version of the bundle. */
    private static byte[] withVersion(byte[] jar, String version) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(jar.length);
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Manifest manifest = in.getManifest();
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            try (JarOutputStream copy = new JarOutputStream(out, manifest)) {
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    copy.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(copy);
                    copy.closeEntry();
                }
            }
        }
        return out.toByteArray();
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

    /** Polls until a query answers 200; returns the milliseconds since {@code start} (System.nanoTime). */
    private static long queryableAfter(String db, long start) throws Exception {
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
