package io.cairn.enterprise.rbac.internal;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Map;

/** Sends one in-memory request through a servlet and keeps what it answered. */
final class ServletExchange {
    /** A servlet's answer. */
    record Answer(int status, String body) {
        JsonNode json() throws IOException {
            return RbacJson.MAPPER.readTree(body);
        }

        String errorCode() throws IOException {
            return json().path("error").path("code").asText();
        }
    }

    private ServletExchange() {
    }

    static Answer send(HttpServlet servlet, String method, String pathInfo, String body, Map<String, Object> attributes)
            throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
        ServletInputStream input = new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
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
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(ServletExchange.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getPathInfo" -> pathInfo;
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "getInputStream" -> input;
                    default -> null;
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
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(ServletExchange.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                    if (m.getName().equals("setStatus")) {
                        status[0] = (Integer) args[0];
                    }
                    return m.getName().equals("getOutputStream") ? output : null;
                });
        servlet.service(request, response);
        return new Answer(status[0], out.toString(StandardCharsets.UTF_8));
    }
}
