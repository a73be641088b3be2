package io.cairn.ingest.internal;

import io.cairn.api.model.DatabaseName;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code POST /write?db=&precision=&rp=}: the InfluxDB 1.x line protocol write ({@code rp} is
 * ignored). 204 when every line was written; otherwise 400 {@code {"error":"partial write: ... dropped=N"}}
 * with the well-formed lines written, and 400/405/413/415/503 {@code {"error":"..."}} for whole-request failures.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/write")
@HttpWhiteboardServletName("cairn-influxdb-v1-write")
public final class InfluxV1WriteServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient LineProtocolWriter writer;

    /** Creates the servlet over the line protocol writer (DS). */
    @Activate
    public InfluxV1WriteServlet(@Reference LineProtocolWriter writer) {
        this.writer = writer;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        InfluxResponses.versionHeaders(resp);
        if (!"POST".equals(req.getMethod())) {
            resp.setHeader("Allow", "POST");
            InfluxResponses.send(resp, 405, error("use POST"));
            return;
        }
        String db = QueryParameters.get(req.getQueryString(), "db");
        if (db == null || db.isEmpty()) {
            InfluxResponses.send(resp, 400, error("database is required"));
            return;
        }
        if (!DatabaseName.isValid(db)) {
            InfluxResponses.send(resp, 400, error("invalid database name: " + DatabaseName.rule()));
            return;
        }
        String precisionParameter = QueryParameters.get(req.getQueryString(), "precision");
        Precision precision = Precision.of(precisionParameter);
        if (precision == null) {
            InfluxResponses.send(resp, 400, error("invalid precision '" + precisionParameter + "': use ns, u, ms, s, m or h"));
            return;
        }
        LineWriteOutcome outcome = writer.write(db, WriteAccess.of(req, db), precision, req.getInputStream(),
                req.getHeader("Content-Encoding"));
        if (outcome.forbidden()) {
            InfluxResponses.send(resp, 403, error("forbidden: " + outcome.rejectionSummary()));
        } else if (outcome.failure() != LineWriteOutcome.Failure.NONE) {
            InfluxResponses.send(resp, InfluxResponses.status(outcome.failure()), error(outcome.message()));
        } else if (outcome.rejections().isEmpty()) {
            InfluxResponses.send(resp, 204, null);
        } else {
            InfluxResponses.send(resp, 400, error("partial write: " + outcome.rejectionSummary()
                    + " dropped=" + outcome.rejections().size()));
        }
    }

    private static String error(String message) {
        return InfluxResponses.object("error", message);
    }
}
