package io.cairn.query.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cairn.api.store.TimeSeriesStore;
import io.cairn.query.internal.sql.PlanScope;
import io.cairn.query.internal.sql.SqlLimits;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code POST /api/v1/query/explain}: answers {@code {"plan": "..."}}, Calcite's physical plan of a
 * statement, whose store scans name the filter, projection, aggregation and limit pushed down.
 * It shares the configuration {@code io.cairn.query.sql} that {@link SqlServlet} designates.
 */
@Component(service = Servlet.class, configurationPid = "io.cairn.query.sql")
@HttpWhiteboardServletPattern("/api/v1/query/explain")
@HttpWhiteboardServletName("cairn-query-explain")
public final class ExplainServlet extends SqlEndpoint {
    private static final long serialVersionUID = 1L;

    /** Creates the servlet from its configuration. */
    @Activate
    public ExplainServlet(Config config) {
        super(config);
    }

    ExplainServlet(SqlLimits limits, long storeWaitMillis) {
        super(limits, storeWaitMillis);
    }

    @Override
    void answer(Statement statement, PlanScope scope, TimeSeriesStore store, HttpServletRequest request,
            HttpServletResponse response, long startedNanos) throws IOException {
        String plan = engine.explain(store, statement.database(), statement.sql(), statement.params());
        try (JsonGenerator g = JsonReplies.start(response, HttpServletResponse.SC_OK)) {
            g.writeStartObject();
            g.writeStringField("plan", plan);
            JsonReplies.writeMillisSince(g, "execution_time_ms", startedNanos);
            g.writeEndObject();
        }
    }
}
