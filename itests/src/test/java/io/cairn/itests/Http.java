package io.cairn.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for the tests, talking to the framework's Jetty on its configured port. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Response(int status, String body, HttpResponse<String> raw) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        String errorCode() throws IOException {
            return json().path("error").path("code").asText();
        }
    }

    private Http() {
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + System.getProperty("org.osgi.service.http.port") + path);
    }

    static Response get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    static Response post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static Response post(String path, byte[] body, String... headers) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).headers(headers).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    static Response send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body(), r);
    }

    /** Endpoints registered by separate components: each must answer (not 404) before a test starts. */
    private static final String[] ENDPOINTS = {"/api/v1/write", "/api/v1/query", "/api/v1/metrics", "/write",
        "/api/v2/write", "/api/v1/write/line-protocol", "/api/v1/write/msgpack", "/ping"};

    /** Waits until Cairn answers healthy and every endpoint is registered, or fails after the bound. */
    static void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Response last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = get("/api/v1/health");
                if (last.status() == 200 && allRegistered()) {
                    return;
                }
            } catch (IOException notYetListening) {
                // Jetty not up yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Cairn did not become ready: " + (last == null ? "no answer" : last.body()));
    }

    private static boolean allRegistered() throws Exception {
        for (String endpoint : ENDPOINTS) {
            if (get(endpoint).status() == 404) {
                return false;
            }
        }
        return true;
    }
}
