package io.cairn.ingest.internal;

import io.cairn.api.model.DatabaseName;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code POST /api/v1/write/line-protocol?precision=}: Cairn's own line protocol write. The database
 * is chosen as for the JSON write ({@code X-Cairn-Database}, else {@code db}, else {@code default});
 * answers 200, or 207 with {@code errors:[{"line","code","error"}]}, like the JSON write.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/write/line-protocol")
@HttpWhiteboardServletName("cairn-line-protocol-write")
public final class LineProtocolWriteServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient LineProtocolWriter writer;

    /** Creates the servlet over the line protocol writer (DS). */
    @Activate
    public LineProtocolWriteServlet(@Reference LineProtocolWriter writer) {
        this.writer = writer;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        WriteResponse answer = answer(req);
        if (answer.status() == 405) {
            resp.setHeader("Allow", "POST");
        }
        InfluxResponses.send(resp, answer.status(), answer.body());
    }

    private WriteResponse answer(HttpServletRequest req) throws IOException {
        if (!"POST".equals(req.getMethod())) {
            return WriteResponse.error(405, "METHOD_NOT_ALLOWED", "use POST", Map.of("method", req.getMethod()));
        }
        String db = JsonWriteServlet.database(req);
        if (!DatabaseName.isValid(db)) {
            return WriteResponse.error(400, "INVALID_DATABASE", DatabaseName.rule(), Map.of("db", String.valueOf(db)));
        }
        String precisionParameter = QueryParameters.get(req.getQueryString(), "precision");
        Precision precision = Precision.of(precisionParameter);
        if (precision == null) {
            return WriteResponse.error(400, "INVALID_PRECISION", "precision must be ns, us, ms or s",
                    Map.of("precision", precisionParameter));
        }
        LineWriteOutcome outcome = writer.write(db, WriteAccess.of(req, db), precision, req.getInputStream(),
                req.getHeader("Content-Encoding"));
        if (outcome.forbidden()) {
            return WriteResponse.error(403, ItemError.FORBIDDEN, "this token may not write any line of this request: "
                    + outcome.rejectionSummary(), Map.of("database", db));
        }
        return switch (outcome.failure()) {
            case NONE -> WriteResponse.lineResult(outcome.accepted(), outcome.rejections());
            case TOO_LARGE -> WriteResponse.error(400, "PAYLOAD_TOO_LARGE", outcome.message(), Map.of());
            case UNSUPPORTED_ENCODING -> WriteResponse.error(415, "UNSUPPORTED_ENCODING", outcome.message(), Map.of());
            case UNREADABLE -> WriteResponse.error(400, "INVALID_ENCODING", outcome.message(), Map.of());
            case UNAVAILABLE -> WriteResponse.error(503, "WAL_UNAVAILABLE", outcome.message(), Map.of());
        };
    }
}
