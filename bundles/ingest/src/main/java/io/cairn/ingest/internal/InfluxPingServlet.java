package io.cairn.ingest.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/** {@code GET|HEAD /ping}: 204 with the {@code X-Influxdb-Version} and {@code X-Influxdb-Build} headers InfluxDB clients check. */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/ping")
@HttpWhiteboardServletName("cairn-influxdb-ping")
public final class InfluxPingServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        InfluxResponses.versionHeaders(resp);
        if (!"GET".equals(req.getMethod()) && !"HEAD".equals(req.getMethod())) {
            resp.setHeader("Allow", "GET, HEAD");
            InfluxResponses.send(resp, 405, InfluxResponses.object("error", "use GET or HEAD"));
            return;
        }
        InfluxResponses.send(resp, 204, null);
    }
}
