package io.cairn.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

/**
 * The active store is switched lmdb → parquet → lmdb while writers run; a migration then copies what went
 * into parquet back into lmdb, and every acknowledged write is there exactly once.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class StoreSwapIT extends CairnTestSupport {

    @Test
    public void switchingStoresUnderLoadLosesNothingAndAMigrationJoinsThem() throws Exception {
        Http.awaitHealthy();
        awaitStore("parquet");
        try (Writers writers = new Writers("swap", 2)) {
            Thread.sleep(1_000);
            assertEquals(200, select("parquet").status());
            Thread.sleep(1_500);
            assertEquals(200, select("lmdb").status());
            Thread.sleep(1_000);
            writers.close();
            assertEquals("5xx other than 503: " + writers.serverErrors(), 0, writers.serverErrors().size());
            Thread.sleep(1_000);
            Http.Response started = Http.post("/api/v1/admin/migrate", "{\"from\":\"parquet\",\"to\":\"lmdb\",\"database\":\"swap\"}");
            assertEquals(started.body(), 202, started.status());
            String id = started.json().get("id").asText();
            JsonNode job;
            long deadline = System.currentTimeMillis() + 60_000;
            do {
                Thread.sleep(200);
                job = Http.get("/api/v1/admin/jobs/" + id).json();
            } while (!job.get("state").asText().equals("done") && System.currentTimeMillis() < deadline);
            assertEquals(job.toString(), "done", job.get("state").asText());
            assertTrue(job.toString(), job.get("rows_copied").asLong() > 0);
            JsonNode sum = Http.post("/api/v1/query?db=swap", "{\"queryType\":\"aggregate\",\"metricName\":\""
                    + Writers.MEASUREMENT + "\",\"field\":\"v\",\"aggregation\":\"sum\",\"timeRange\":{\"relative\":\"1h\"}}")
                    .json().get("results").get(0);
            assertEquals(writers.acknowledged(), sum.get("count").asLong());
            assertEquals((double) writers.valueSum(), sum.get("value").asDouble(), 0.0);
        }
    }

    @Test
    public void anUnknownStoreIsA400ListingTheRunningOnes() throws Exception {
        Http.awaitHealthy();
        Http.Response r = select("nope");
        assertEquals(400, r.status());
        assertEquals("UNKNOWN_STORE", r.errorCode());
        assertTrue(r.body(), r.body().contains("lmdb"));
        assertEquals("lmdb", Http.get("/api/v1/admin/store").json().get("active").asText());
    }

    private static Http.Response select(String store) throws Exception {
        return Http.send(HttpRequest.newBuilder(Http.uri("/api/v1/admin/store"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"store\":\"" + store + "\"}")));
    }

    private static void awaitStore(String name) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!Http.get("/api/v1/admin/store").body().contains("\"name\":\"" + name + "\"")) {
            assertTrue(name + " store never started", System.currentTimeMillis() < deadline);
            Thread.sleep(100);
        }
    }
}
