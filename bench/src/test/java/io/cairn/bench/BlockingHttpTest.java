package io.cairn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlockingHttpTest {
    private final BlockingHttp http = new BlockingHttp();
    private HttpServer server;
    private final Set<Object> peers = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", exchange -> {
            peers.add(exchange.getRemoteAddress());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] answer = (exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type")
                    + " " + exchange.getRequestURI().getQuery() + " " + body).getBytes(StandardCharsets.UTF_8);
            int status = body.equals("bad") ? 400 : 200;
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.createContext("/chunked", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write("{\"results\":".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            exchange.getResponseBody().write("[]}".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        http.close();
        server.stop(0);
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    @Test
    void postsTheBodyAndHeadersAndReadsTheAnswer() throws Exception {
        BlockingHttp.Reply r = http.send(HttpRequest.newBuilder(uri("/echo?db=x")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sql\":\"SELECT 1\"}")).build());
        assertEquals(200, r.status());
        assertEquals("POST application/json db=x {\"sql\":\"SELECT 1\"}", r.body());
    }

    @Test
    void getsWithoutBody() throws Exception {
        BlockingHttp.Reply r = http.send(HttpRequest.newBuilder(uri("/echo?q=SELECT+1")).build());
        assertEquals("GET null q=SELECT+1 ", r.body());
    }

    @Test
    void returnsTheBodyOfAnErrorStatus() throws Exception {
        BlockingHttp.Reply r = http.send(HttpRequest.newBuilder(uri("/echo")).POST(HttpRequest.BodyPublishers.ofString("bad")).build());
        assertEquals(400, r.status());
        assertEquals("POST null null bad", r.body());
    }

    @Test
    void readsAChunkedAnswerAndGoesOnOnTheSameConnection() throws Exception {
        assertEquals("{\"results\":[]}", http.send(HttpRequest.newBuilder(uri("/chunked")).build()).body());
        assertEquals("GET null null ", http.send(HttpRequest.newBuilder(uri("/echo")).build()).body());
    }

    @Test
    void reusesOneConnectionForSequentialRequests() throws Exception {
        for (int i = 0; i < 5; i++) {
            http.send(HttpRequest.newBuilder(uri("/echo")).POST(HttpRequest.BodyPublishers.ofString("q" + i)).build());
        }
        assertEquals(1, peers.size());
    }
}
