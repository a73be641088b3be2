package io.cairn.ingest.internal;

import io.cairn.api.access.Permission;
import io.cairn.api.access.RequestAccess;
import io.cairn.api.model.DatabaseName;
import io.cairn.api.store.StoreUnavailableException;
import io.cairn.api.store.TimeSeriesStore;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.function.Predicate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/cardinality[?database=&measurement=]}: series per database, measurement, tag key and
 * tenant, with estimates, growth, limits and warnings (see {@link CardinalityReport}). The database comes from
 * the {@code X-Cairn-Database} header, else the {@code db} or {@code database} parameter; without one (and
 * without a measurement) the answer lists every database. Needs read permission on what it shows.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/cardinality")
@HttpWhiteboardServletName("cairn-cardinality")
@Designate(ocd = CardinalityServlet.Config.class)
public final class CardinalityServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CardinalityServlet.class);

    /** Configuration of the cardinality endpoint. */
    @ObjectClassDefinition(name = "Cairn cardinality", description = "GET /api/v1/cardinality")
    public @interface Config {
        @AttributeDefinition(description = "Series limit shown for a measurement no write has checked since the start")
        long max_series_per_metric() default 1_000_000;

        @AttributeDefinition(description = "Most distinct values counted per tag key; more are shown as capped")
        int max_tag_values_counted() default 10_000;
    }

    private final transient SeriesCatalog catalog;
    private final transient CardinalityReport report;

    /** Creates the endpoint over the write path's catalog (DS). */
    @Activate
    public CardinalityServlet(Config config, @Reference(name = "catalog") SeriesCatalog catalog) {
        this(catalog, config.max_series_per_metric(), config.max_tag_values_counted());
    }

    CardinalityServlet(SeriesCatalog catalog, long defaultLimit, int maxTagValues) {
        this.catalog = catalog;
        SeriesCardinality cardinality = catalog.cardinality();
        this.report = new CardinalityReport(cardinality == null ? new SeriesCardinality(1, Clock.systemUTC())
                : cardinality, defaultLimit, maxTagValues);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        WriteResponse answer;
        if (!"GET".equals(req.getMethod())) {
            resp.setHeader("Allow", "GET");
            answer = WriteResponse.error(405, "METHOD_NOT_ALLOWED", "use GET", Map.of("method", req.getMethod()));
        } else {
            answer = answer(req);
        }
        if (answer.status() == 503) {
            resp.setHeader("Retry-After", "1");
        }
        resp.setStatus(answer.status());
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.getWriter().write(answer.body());
    }

    private WriteResponse answer(HttpServletRequest req) {
        String db = database(req);
        String measurement = blankToNull(req.getParameter("measurement"));
        if (db == null && measurement != null) {
            db = DatabaseName.DEFAULT;
        }
        if (db != null && !DatabaseName.isValid(db)) {
            return WriteResponse.error(400, "INVALID_DATABASE", DatabaseName.rule(), Map.of("database", db));
        }
        RequestAccess access = req.getAttribute(RequestAccess.ATTRIBUTE) instanceof RequestAccess a ? a : null;
        Predicate<String> readable = d -> access == null || access.permits(Permission.READ, d, null);
        if (db != null && access != null && !access.permits(Permission.READ, db, measurement)) {
            return WriteResponse.error(403, "FORBIDDEN", "no read permission on " + db
                    + (measurement == null ? "" : "." + measurement), Map.of("database", db));
        }
        TimeSeriesStore store = catalog.store();
        if (store == null) {
            return WriteResponse.error(503, "STORE_UNAVAILABLE", "no store is active", Map.of());
        }
        try {
            return db == null ? report.overview(store, readable) : report.database(store, db, measurement);
        } catch (StoreUnavailableException e) {
            LOG.debug("Store cannot report cardinality", e);
            return WriteResponse.error(503, "STORE_UNAVAILABLE", e.getMessage(), Map.of());
        }
    }

    private static String database(HttpServletRequest req) {
        String header = blankToNull(req.getHeader(JsonWriteServlet.DATABASE_HEADER));
        if (header != null) {
            return header.trim();
        }
        String db = blankToNull(req.getParameter("db"));
        return db != null ? db.trim() : blankToNull(req.getParameter("database"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
