package io.cairn.ingest.internal;

import io.cairn.api.engine.WriteService;
import io.cairn.api.model.DatabaseName;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code POST /api/v1/write/msgpack}: the MessagePack write. The database is chosen as for the
 * JSON write ({@code X-Cairn-Database}, else {@code db}, else {@code default}); gzip bodies are read.
 * <ul>
 * <li>Payload: one item, or {@code {"batch":[item,...]}}.</li>
 * <li>Columnar item {@code {"m","columns":{"time":[...],name:[...]},"tags":[names]?,"precision"?}}:
 * all arrays the same length; {@code time} integers (nil = server time); columns named in
 * {@code tags} are tags, without {@code tags} the string columns are; other columns are fields
 * (integer INTEGER, float FLOAT, boolean BOOLEAN, string STRING); nil = no value in that row.</li>
 * <li>Row item {@code {"m","t"?,"tags":{}?,"fields":{}}}.</li>
 * <li>{@code precision} ns, us, ms or s; without it each timestamp's unit is told apart by its
 * magnitude: below 1e11 seconds, below 1e14 milliseconds, below 1e17 microseconds, else
 * nanoseconds.</li>
 * </ul>
 * Answers 200, or 207 with {@code errors:[{"index","row"?,"code","error"}]} where {@code index} is
 * the item's position in {@code batch} (0 for a single item) and {@code row} the row of a columnar
 * item when only that row was rejected; or 400 {@code INVALID_MSGPACK} with
 * {@code details.offset} (bytes after decompression) when the payload cannot be read, writing nothing.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/write/msgpack")
@HttpWhiteboardServletName("cairn-msgpack-write")
@Designate(ocd = MsgpackWriteServlet.Config.class)
public final class MsgpackWriteServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** Limits of the MessagePack write. */
    @ObjectClassDefinition(name = "Cairn MessagePack write", description = "Limits of POST /api/v1/write/msgpack")
    public @interface Config {
        @AttributeDefinition(description = "Largest body in bytes, after decompression")
        long max_body_bytes() default 64L * 1024 * 1024;

        @AttributeDefinition(description = "Longest measurement name or field key")
        int max_name_length() default 256;

        @AttributeDefinition(description = "Most tags per row")
        int max_tags() default 64;

        @AttributeDefinition(description = "Longest tag key")
        int max_tag_key_length() default 256;

        @AttributeDefinition(description = "Longest tag value")
        int max_tag_value_length() default 1024;

        @AttributeDefinition(description = "Most series (tag sets) per measurement")
        long max_series_per_measurement() default 1_000_000;
    }

    private final transient MsgpackWriter writer;

    /** Creates the servlet over the write path (DS). */
    @Activate
    public MsgpackWriteServlet(Config config, @Reference(name = "writes") WriteService writes,
            @Reference(name = "catalog") SeriesCatalog catalog) {
        this(new MsgpackWriter(writes, catalog, new ValidationLimits(config.max_name_length(), 0, 0,
                config.max_tags(), config.max_tag_key_length(), config.max_tag_value_length(),
                config.max_series_per_measurement()), config.max_body_bytes(), Clock.systemUTC()));
    }

    MsgpackWriteServlet(MsgpackWriter writer) {
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
        MsgpackWriteOutcome outcome = writer.write(db, WriteAccess.of(req, db), req.getInputStream(),
                req.getHeader("Content-Encoding"));
        if (outcome.forbidden()) {
            return WriteResponse.error(403, ItemError.FORBIDDEN, "this token may not write any item of this request",
                    Map.of("database", db, "rejected", outcome.rejections().size()));
        }
        return switch (outcome.failure()) {
            case NONE -> WriteResponse.msgpackResult(outcome.accepted(), outcome.rejections());
            case INVALID_MSGPACK -> WriteResponse.error(400, "INVALID_MSGPACK", outcome.message(),
                    Map.of("offset", outcome.offset()));
            case TOO_LARGE -> WriteResponse.error(400, "PAYLOAD_TOO_LARGE", outcome.message(), Map.of());
            case UNSUPPORTED_ENCODING -> WriteResponse.error(415, "UNSUPPORTED_ENCODING", outcome.message(), Map.of());
            case UNREADABLE -> WriteResponse.error(400, "INVALID_ENCODING", outcome.message(), Map.of());
            case UNAVAILABLE -> WriteResponse.error(503, "WAL_UNAVAILABLE", outcome.message(), Map.of());
        };
    }
}
