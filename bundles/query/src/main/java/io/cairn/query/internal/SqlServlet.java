package io.cairn.query.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cairn.api.store.TimeSeriesStore;
import io.cairn.query.internal.sql.ArrowResults;
import io.cairn.query.internal.sql.PlanScope;
import io.cairn.query.internal.sql.SqlLimits;
import io.cairn.query.internal.sql.SqlResult;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code POST /api/v1/query/sql}: runs a SQL statement and answers
 * {@code {"columns","types","data","row_count","execution_time_ms"[,"truncated"]}}, or an Arrow IPC
 * stream when the request accepts {@value ArrowResults#MEDIA_TYPE} (or says {@code "format":"arrow"}).
 */
@Component(service = Servlet.class, configurationPid = "io.cairn.query.sql")
@HttpWhiteboardServletPattern("/api/v1/query/sql")
@HttpWhiteboardServletName("cairn-query-sql")
@Designate(ocd = SqlEndpoint.Config.class)
public final class SqlServlet extends SqlEndpoint {
    private static final long serialVersionUID = 1L;

    /** Creates the servlet from its configuration. */
    @Activate
    public SqlServlet(Config config) {
        super(config);
    }

    SqlServlet(SqlLimits limits, long storeWaitMillis) {
        super(limits, storeWaitMillis);
    }

    @Override
    void answer(Statement statement, PlanScope scope, TimeSeriesStore store, HttpServletRequest request,
            HttpServletResponse response, long startedNanos) throws IOException {
        SqlResult result = engine.query(scope, store, statement.database(), statement.sql(), statement.params());
        String accept = request.getHeader("Accept");
        if (statement.format().equals("arrow") || (accept != null && accept.contains(ArrowResults.MEDIA_TYPE))) {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(ArrowResults.MEDIA_TYPE);
            response.setHeader("X-Cairn-Row-Count", Integer.toString(result.rows().size()));
            if (result.truncated()) {
                response.setHeader("X-Cairn-Truncated", "true");
            }
            ArrowResults.write(response.getOutputStream(), result);
            return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(
                (int) Math.min(1 << 16, 256 + 24L * result.rows().size() * result.columns().size()));
        try (JsonGenerator g = JsonReplies.generator(body)) {
            g.writeStartObject();
            g.writeArrayFieldStart("columns");
            for (String c : result.columns()) {
                g.writeString(c);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("types");
            for (String t : result.types()) {
                g.writeString(t);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("data");
            JsonValues values = new JsonValues(g);
            for (Object[] row : result.rows()) {
                g.writeStartArray();
                for (Object v : row) {
                    values.write(v);
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeNumberField("row_count", result.rows().size());
            JsonReplies.writeMillisSince(g, "execution_time_ms", startedNanos);
            if (result.truncated()) {
                g.writeBooleanField("truncated", true);
            }
            g.writeEndObject();
        }
        JsonReplies.send(response, HttpServletResponse.SC_OK, body);
    }
}
