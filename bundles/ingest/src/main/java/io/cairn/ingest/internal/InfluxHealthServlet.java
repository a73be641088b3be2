package io.cairn.ingest.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/** {@code GET|HEAD /health}: 200 with the body InfluxDB 2.x answers, {@code {"name","message","status":"pass","version"}}. */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/health")
@HttpWhiteboardServletName("cairn-influxdb-health")
public final class InfluxHealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        InfluxResponses.versionHeaders(resp);
        if (!"GET".equals(req.getMethod()) && !"HEAD".equals(req.getMethod())) {
            resp.setHeader("Allow", "GET, HEAD");
            InfluxResponses.send(resp, 405, InfluxResponses.object("error", "use GET or HEAD"));
            return;
        }
        InfluxResponses.send(resp, 200, InfluxResponses.object("name", "cairn", "message", "ready for queries and writes",
                "status", "pass", "version", InfluxResponses.VERSION));
    }
}
