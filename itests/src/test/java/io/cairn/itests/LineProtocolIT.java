package io.cairn.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** InfluxDB line protocol through every endpoint, read back through the dashboard query. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LineProtocolIT extends CairnTestSupport {
    private static final long NOW_S = System.currentTimeMillis() / 1000 - 60;

    @Before
    public void healthy() throws Exception {
        Http.awaitHealthy();
    }

    private static Http.Response write(String path, String lines, String... headers) throws Exception {
        return Http.post(path, lines.getBytes(StandardCharsets.UTF_8), headers.length == 0 ? new String[] {"Content-Type", "text/plain"} : headers);
    }

    private static JsonNode range(String db, String metric, String field, String host) throws Exception {
        long deadline = System.currentTimeMillis() + 5_000;
        JsonNode results;
        do {
            results = Http.post("/api/v1/query?db=" + db, "{\"queryType\":\"range\",\"metricName\":\"" + metric + "\",\"field\":\""
                    + field + "\",\"filters\":{\"host\":\"" + host + "\"},\"timeRange\":{\"relative\":\"1h\"}}").json().get("results");
        } while (results.size() == 0 && System.currentTimeMillis() < deadline);
        return results;
    }

    @Test
    public void zstdBodiesAreReadOnEveryLineEndpoint() throws Exception {
        String lines = "zcpu,host=z usage=1.5 " + NOW_S + "\n";
        byte[] zstd = com.github.luben.zstd.Zstd.compress(lines.getBytes(StandardCharsets.UTF_8));
        assertEquals(204, Http.post("/write?db=zstd1&precision=s", zstd, "Content-Encoding", "zstd").status());
        assertEquals(204, Http.post("/api/v2/write?bucket=zstd2&precision=s", zstd, "Content-Encoding", "zstd").status());
        assertEquals(1, range("zstd1", "zcpu", "usage", "z").size());
        assertEquals(1, range("zstd2", "zcpu", "usage", "z").size());
    }

    @Test
    public void pingAnswersLikeInfluxDb() throws Exception {
        Http.Response r = Http.send(HttpRequest.newBuilder(Http.uri("/ping")).GET());
        assertEquals(204, r.status());
        assertTrue(r.raw().headers().firstValue("X-Influxdb-Version").isPresent());
        Http.Response health = Http.get("/health");
        assertEquals(200, health.status());
        assertEquals("pass", health.json().get("status").asText());
    }

    @Test
    public void influxDb1WriteWithSecondsIsReadBack() throws Exception {
        String lines = "cpu,host=web\\ 1,region=eu usage=42.5,cores=8i,up=true,note=\"say \\\"hi\\\"\" " + NOW_S + "\n"
                + "# a comment\n\n"
                + "cpu,host=web\\ 1,region=eu usage=43.5 " + (NOW_S + 10) + "\r\n";
        Http.Response r = write("/write?db=lp&precision=s", lines);
        assertEquals(r.body(), 204, r.status());
        JsonNode usage = range("lp", "cpu", "usage", "web 1");
        assertEquals(2, usage.size());
        assertEquals(NOW_S * 1000, usage.get(0).get("timestamp").asLong());
        assertEquals(42.5, usage.get(0).get("value").asDouble(), 0.0);
        assertEquals(8, range("lp", "cpu", "cores", "web 1").get(0).get("value").asLong());
        assertEquals("say \"hi\"", range("lp", "cpu", "note", "web 1").get(0).get("value").asText());
    }

    @Test
    public void influxDb2WriteTakesTheBucket() throws Exception {
        Http.Response r = write("/api/v2/write?bucket=lp2&org=acme&precision=ms", "mem,host=a used=1i " + NOW_S * 1000 + "\n");
        assertEquals(r.body(), 204, r.status());
        assertEquals(1, range("lp2", "mem", "used", "a").size());
    }

    @Test
    public void aMalformedLineIsReportedAndTheOthersAreWritten() throws Exception {
        String lines = "disk,host=b free=1 " + NOW_S * 1_000_000_000L + "\n"
                + "disk,host=b free= " + NOW_S * 1_000_000_000L + "\n"
                + "disk,host=b free=3 " + (NOW_S + 1) * 1_000_000_000L + "\n";
        Http.Response r = write("/api/v1/write/line-protocol", lines, "Content-Type", "text/plain", "X-Cairn-Database", "lp3");
        assertEquals(r.body(), 207, r.status());
        JsonNode errors = r.json().get("errors");
        assertEquals(1, errors.size());
        assertEquals(2, errors.get(0).get("line").asInt());
        assertEquals(2, range("lp3", "disk", "free", "b").size());

        Http.Response v1 = write("/write?db=lp3", "disk,host=c free=x\n");
        assertEquals(400, v1.status());
        assertTrue(v1.body(), v1.json().get("error").asText().startsWith("partial write"));
        Http.Response v2 = write("/api/v2/write?bucket=lp3", "disk,host=c free=x\n");
        assertEquals(400, v2.status());
        assertEquals("invalid", v2.json().get("code").asText());
    }

    @Test
    public void aTypeConflictWithStoredDataIsRefusedNotCoerced() throws Exception {
        assertEquals(204, write("/write?db=lp4", "temp,host=d v=1.5 " + NOW_S * 1_000_000_000L + "\n").status());
        range("lp4", "temp", "v", "d");
        Http.Response r = write("/write?db=lp4", "temp,host=d v=\"warm\" " + (NOW_S + 1) * 1_000_000_000L + "\n");
        assertEquals(r.body(), 400, r.status());
        assertEquals(1, range("lp4", "temp", "v", "d").size());
    }
}
