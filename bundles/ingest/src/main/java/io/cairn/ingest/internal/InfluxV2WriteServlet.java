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
 * {@code POST /api/v2/write?bucket=&org=&precision=}: the InfluxDB 2.x line protocol write. The
 * bucket is the database ({@code db/rp} buckets, as the 1.x compatibility API names them, use
 * {@code db}); {@code org} is ignored. 204 when every line was written; otherwise 400
 * {@code {"code":"invalid","message":"..."}} listing the rejected lines, the others being written.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v2/write")
@HttpWhiteboardServletName("cairn-influxdb-v2-write")
public final class InfluxV2WriteServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient LineProtocolWriter writer;

    /** Creates the servlet over the line protocol writer (DS). */
    @Activate
    public InfluxV2WriteServlet(@Reference LineProtocolWriter writer) {
        this.writer = writer;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        InfluxResponses.versionHeaders(resp);
        if (!"POST".equals(req.getMethod())) {
            resp.setHeader("Allow", "POST");
            InfluxResponses.send(resp, 405, error("method not allowed", "use POST"));
            return;
        }
        String bucket = QueryParameters.get(req.getQueryString(), "bucket");
        if (bucket == null || bucket.isEmpty()) {
            InfluxResponses.send(resp, 400, error("invalid", "bucket is required"));
            return;
        }
        String db = bucket.indexOf('/') > 0 ? bucket.substring(0, bucket.indexOf('/')) : bucket;
        if (!DatabaseName.isValid(db)) {
            InfluxResponses.send(resp, 400, error("invalid", "invalid bucket name: " + DatabaseName.rule()));
            return;
        }
        String precisionParameter = QueryParameters.get(req.getQueryString(), "precision");
        Precision precision = Precision.of(precisionParameter);
        if (precision == null) {
            InfluxResponses.send(resp, 400, error("invalid", "invalid precision '" + precisionParameter
                    + "': use ns, us, ms or s"));
            return;
        }
        LineWriteOutcome outcome = writer.write(db, WriteAccess.of(req, db), precision, req.getInputStream(),
                req.getHeader("Content-Encoding"));
        if (outcome.forbidden()) {
            InfluxResponses.send(resp, 403, error("forbidden", outcome.rejectionSummary()));
            return;
        }
        switch (outcome.failure()) {
            case NONE -> {
                if (outcome.rejections().isEmpty()) {
                    InfluxResponses.send(resp, 204, null);
                } else {
                    InfluxResponses.send(resp, 400, error("invalid", "partial write: " + outcome.rejections().size()
                            + " line(s) rejected, " + outcome.accepted() + " written: " + outcome.rejectionSummary()));
                }
            }
            case TOO_LARGE -> InfluxResponses.send(resp, 413, error("request too large", outcome.message()));
            case UNSUPPORTED_ENCODING -> InfluxResponses.send(resp, 415, error("unsupported media type", outcome.message()));
            case UNREADABLE -> InfluxResponses.send(resp, 400, error("invalid", outcome.message()));
            case UNAVAILABLE -> InfluxResponses.send(resp, 503, error("unavailable", outcome.message()));
        }
    }

    private static String error(String code, String message) {
        return InfluxResponses.object("code", code, "message", message);
    }
}
