package io.cairn.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Sends an {@link HttpRequest} as HTTP/1.1 on the calling thread over one kept-alive socket, head and body in a
 * single write, so a timed query pays for the network and the server only. {@code java.net.http.HttpClient} hands
 * each request over between its threads several times and writes a POST's head and body separately (the server then
 * waits for the body): on a busy machine that adds milliseconds to targets queried by POST and not to those queried
 * by GET. Not thread-safe: one instance per client thread.
 */
final class BlockingHttp implements AutoCloseable {
    private static final int TIMEOUT_MS = 600_000;

    /** A status and the body as text. */
    record Reply(int status, String body) {
    }

    private Socket socket;
    private String socketAuthority;
    private InputStream in;

    /** Sends the request and reads the whole answer (also of a non-2xx status); retries once on a stale connection. */
    Reply send(HttpRequest request) throws IOException {
        byte[] message = message(request);
        boolean reused = socket != null && request.uri().getAuthority().equals(socketAuthority);
        try {
            return exchange(request.uri(), message);
        } catch (IOException e) {
            close();
            if (!reused) {
                throw e;
            }
            return exchange(request.uri(), message);
        }
    }

    private Reply exchange(URI uri, byte[] message) throws IOException {
        if (socket == null || !uri.getAuthority().equals(socketAuthority)) {
            close();
            socket = new Socket(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TIMEOUT_MS);
            socketAuthority = uri.getAuthority();
            in = new BufferedInputStream(socket.getInputStream(), 65536);
        }
        socket.getOutputStream().write(message);
        String statusLine = line();
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = -1;
        boolean chunked = false;
        boolean closes = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String h = header.toLowerCase(Locale.ROOT);
            if (h.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(15).trim());
            } else if (h.startsWith("transfer-encoding:") && h.contains("chunked")) {
                chunked = true;
            } else if (h.startsWith("connection:") && h.contains("close")) {
                closes = true;
            }
        }
        byte[] body = chunked ? chunkedBody() : length >= 0 ? in.readNBytes((int) length) : in.readAllBytes();
        if (closes || (!chunked && length < 0)) {
            close();
        }
        return new Reply(status, new String(body, StandardCharsets.UTF_8));
    }

    private byte[] chunkedBody() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int size = chunkSize(); size > 0; size = chunkSize()) {
            out.write(in.readNBytes(size));
            line();
        }
        for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
            // trailers are not used
        }
        return out.toByteArray();
    }

    private int chunkSize() throws IOException {
        String s = line();
        int semi = s.indexOf(';');
        return Integer.parseInt((semi < 0 ? s : s.substring(0, semi)).trim(), 16);
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the connection closed mid-answer");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    private static byte[] message(HttpRequest request) {
        byte[] body = request.bodyPublisher().map(BlockingHttp::bytes).orElse(new byte[0]);
        URI uri = request.uri();
        StringBuilder head = new StringBuilder(request.method()).append(' ')
                .append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getAuthority()).append("\r\n");
        for (Map.Entry<String, List<String>> h : request.headers().map().entrySet()) {
            for (String v : h.getValue()) {
                head.append(h.getKey()).append(": ").append(v).append("\r\n");
            }
        }
        if (body.length > 0 || !request.method().equals("GET")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        byte[] h = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[h.length + body.length];
        System.arraycopy(h, 0, message, 0, h.length);
        System.arraycopy(body, 0, message, h.length, body.length);
        return message;
    }

    private static byte[] bytes(HttpRequest.BodyPublisher publisher) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                out.write(chunk, 0, chunk.length);
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(out.toByteArray());
            }
        });
        try {
            return done.get(1, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the request body", e);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        socketAuthority = null;
        in = null;
    }
}
