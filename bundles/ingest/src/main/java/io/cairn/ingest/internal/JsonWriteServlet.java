package io.cairn.ingest.internal;

import io.cairn.api.engine.WriteService;
import io.cairn.api.model.DatabaseName;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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
 * {@code POST /api/v1/write}: the JSON metrics write. The database comes from the
 * {@code X-Cairn-Database} header, else the {@code db} query parameter, else {@code default};
 * the body is handled by {@link WriteRequestHandler}. Other methods answer 405.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/write")
@HttpWhiteboardServletName("cairn-json-write")
@Designate(ocd = JsonWriteServlet.Config.class)
public final class JsonWriteServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String DATABASE_HEADER = "X-Cairn-Database";
    static final String DEFAULT_DATABASE = "default";

    /** Limits of the JSON write. */
    @ObjectClassDefinition(name = "Cairn JSON write", description = "Limits of POST /api/v1/write")
    public @interface Config {
        @AttributeDefinition(description = "Most metrics per request")
        int max_metrics() default 10_000;

        @AttributeDefinition(description = "Largest body in bytes, after decompression")
        long max_body_bytes() default 10L * 1024 * 1024;

        @AttributeDefinition(description = "Longest metric name")
        int max_name_length() default 256;

        @AttributeDefinition(description = "How far in the past a timestamp may lie, in milliseconds")
        long timestamp_past_ms() default 7L * 24 * 3600 * 1000;

        @AttributeDefinition(description = "How far in the future a timestamp may lie, in milliseconds")
        long timestamp_future_ms() default 3600 * 1000;

        @AttributeDefinition(description = "Most dimensions per metric")
        int max_dimensions() default 20;

        @AttributeDefinition(description = "Longest dimension key")
        int max_dimension_key_length() default 128;

        @AttributeDefinition(description = "Longest dimension value")
        int max_dimension_value_length() default 256;

        @AttributeDefinition(description = "Most series (dimension sets) per metric")
        long max_series_per_metric() default 1_000_000;
    }

    private final transient WriteRequestHandler handler;

    /** Creates the servlet over the write path (DS). */
    @Activate
    public JsonWriteServlet(Config config, @Reference(name = "writes") WriteService writes,
            @Reference(name = "catalog") SeriesCatalog catalog) {
        ValidationLimits limits = new ValidationLimits(config.max_name_length(), config.timestamp_past_ms(),
                config.timestamp_future_ms(), config.max_dimensions(), config.max_dimension_key_length(),
                config.max_dimension_value_length(), config.max_series_per_metric());
        this.handler = new WriteRequestHandler(new MetricValidator(limits, Clock.systemUTC()), catalog, writes,
                config.max_metrics(), config.max_body_bytes());
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        WriteResponse answer;
        if (!"POST".equals(req.getMethod())) {
            resp.setHeader("Allow", "POST");
            answer = WriteResponse.error(405, "METHOD_NOT_ALLOWED", "use POST", Map.of("method", req.getMethod()));
        } else {
            String db = database(req);
            answer = DatabaseName.isValid(db)
                    ? handler.handle(db, WriteAccess.of(req, db), req.getInputStream(), req.getHeader("Content-Encoding"))
                    : WriteResponse.error(400, "INVALID_DATABASE", DatabaseName.rule(), Map.of("db", String.valueOf(db)));
        }
        if (answer.status() == 503) {
            resp.setHeader("Retry-After", "1");
        }
        resp.setStatus(answer.status());
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.getWriter().write(answer.body());
    }

    /**
     * Returns the database of a request, or null when its name cannot be decoded; the query string
     * is read by hand so a form body is never consumed.
     */
    static String database(HttpServletRequest req) {
        String header = req.getHeader(DATABASE_HEADER);
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        String query = req.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("db=") && pair.length() > 3) {
                    try {
                        return URLDecoder.decode(pair.substring(3), StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException badEscape) {
                        return null;
                    }
                }
            }
        }
        return DEFAULT_DATABASE;
    }
}
