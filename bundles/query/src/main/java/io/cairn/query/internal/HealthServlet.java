package io.cairn.query.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cairn.api.store.StoreCapability;
import io.cairn.api.store.StoreHealth;
import io.cairn.api.store.TimeSeriesStore;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /api/v1/health}: 200 {@code {"status":"healthy","store",...}} while a healthy store is
 * bound, else 503 {@code {"status":"unhealthy","reason"}} with Retry-After.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/health")
@HttpWhiteboardServletName("cairn-health")
public final class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = TimeSeriesStore.ACTIVE_FILTER)
    private volatile TimeSeriesStore store;

    /** Binds a store by hand (tests). */
    void useStore(TimeSeriesStore store) {
        this.store = store;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        TimeSeriesStore current = store;
        StoreHealth health = current == null ? new StoreHealth(false, "no store is bound") : current.health();
        if (!health.healthy()) {
            response.setHeader("Retry-After", "1");
        }
        try (JsonGenerator g = JsonReplies.start(response, health.healthy()
                ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE)) {
            g.writeStartObject();
            g.writeStringField("status", health.healthy() ? "healthy" : "unhealthy");
            if (current != null) {
                g.writeStringField("store", current.name());
            }
            g.writeStringField(health.healthy() ? "detail" : "reason", health.detail());
            if (health.healthy()) {
                g.writeArrayFieldStart("capabilities");
                for (StoreCapability c : current.capabilities()) {
                    g.writeString(c.name().toLowerCase(java.util.Locale.ROOT));
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
    }
}
