package io.cairn.itests;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;

/** Data written before the framework stops is found by a new framework on the same data directory. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class RestartIT extends CairnTestSupport {
    private static final String DATA = dataDirectory("restart-" + System.currentTimeMillis());
    private static final int POINTS = 500;

    @Override
    @Configuration
    public Option[] config() throws IOException {
        return frameworkOptions(DATA);
    }

    @Test
    public void a_writeBeforeTheFrameworkStops() throws Exception {
        Http.awaitHealthy();
        long base = System.currentTimeMillis() - POINTS * 1000L;
        StringBuilder body = new StringBuilder("{\"metrics\":[");
        for (int k = 0; k < POINTS; k++) {
            body.append(k == 0 ? "" : ",").append(String.format(
                    "{\"name\":\"durable\",\"timestamp\":%d,\"value\":%d,\"dimensions\":{\"sensor\":\"s%d\"}}",
                    base + k * 1000L, k, k % 5));
        }
        Http.Response r = Http.post("/api/v1/write?db=restart", body.append("]}").toString());
        assertEquals(r.body(), 200, r.status());
        assertEquals(POINTS, r.json().get("accepted").asInt());
    }

    @Test
    public void b_aNewFrameworkFindsTheData() throws Exception {
        Http.awaitHealthy();
        JsonNode result = Http.post("/api/v1/query?db=restart", "{\"queryType\":\"aggregate\",\"metricName\":\"durable\","
                + "\"aggregation\":\"sum\",\"timeRange\":{\"relative\":\"1h\"}}").json().get("results").get(0);
        assertEquals(POINTS, result.get("count").asInt());
        assertEquals(POINTS * (POINTS - 1) / 2.0, result.get("value").asDouble(), 0.0);
    }
}
