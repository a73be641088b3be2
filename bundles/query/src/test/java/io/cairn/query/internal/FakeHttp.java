package io.cairn.query.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Drives a servlet with an in-memory request and records its response, without a server. */
final class FakeHttp {
    /** What a servlet answered. */
    record Reply(int status, Map<String, String> headers, String contentType, String body) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(body);
        }
    }

    private FakeHttp() {
    }

    static Reply call(HttpServlet servlet, String method, String pathInfo, Map<String, String> headers,
            Map<String, String> params, String body) throws Exception {
        return call(servlet, method, pathInfo, headers, params, body, Map.of());
    }

    static Reply call(HttpServlet servlet, String method, String pathInfo, Map<String, String> headers,
            Map<String, String> params, String body, Map<String, Object> attributes) throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
        ServletInputStream input = new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
            }
        };
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getPathInfo" -> pathInfo;
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getParameter" -> params.get((String) args[0]);
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "getInputStream" -> input;
                    case "getProtocol" -> "HTTP/1.1";
                    default -> defaultValue(m.getReturnType());
                });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ServletOutputStream output = new ServletOutputStream() {
            @Override
            public void write(int b) {
                out.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }
        };
        int[] status = {200};
        String[] contentType = {null};
        Map<String, String> replyHeaders = new HashMap<>();
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "setStatus" -> status[0] = (Integer) args[0];
                        case "setHeader" -> replyHeaders.put((String) args[0], (String) args[1]);
                        case "setContentType" -> contentType[0] = (String) args[0];
                        case "getOutputStream" -> {
                            return output;
                        }
                        default -> {
                            return defaultValue(m.getReturnType());
                        }
                    }
                    return null;
                });
        servlet.service(request, response);
        return new Reply(status[0], replyHeaders, contentType[0], out.toString(StandardCharsets.UTF_8));
    }

    private static Object defaultValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }
}
