package io.cairn.enterprise.hello.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/** {@code GET /api/v1/enterprise/hello}: answers only while the bundle runs, i.e. signed and licensed. */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/enterprise/hello")
@HttpWhiteboardServletName("cairn-enterprise-hello")
public final class HelloServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String GREETING = "{\"feature\":\"hello\",\"message\":\"enterprise feature licensed\"}";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType("application/json");
        response.getOutputStream().write(GREETING.getBytes(StandardCharsets.UTF_8));
    }
}
