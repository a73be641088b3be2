package io.cairn.query.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cairn.api.store.StoreUnavailableException;
import io.cairn.api.store.TagValueCount;
import io.cairn.api.store.TimeSeriesStore;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Metric discovery: {@code GET /api/v1/metrics}, {@code /api/v1/metrics/{name}/dimensions} and
 * {@code /api/v1/metrics/{name}/dimensions/{key}/values?limit=} (default 100, at most 10,000).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api/v1/metrics", "/api/v1/metrics/*"})
@HttpWhiteboardServletName("cairn-metrics")
public final class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final int DEFAULT_VALUES = 100;
    static final int MAX_VALUES = 10_000;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = TimeSeriesStore.ACTIVE_FILTER)
    private volatile TimeSeriesStore store;

    /** Binds a store by hand (tests). */
    void useStore(TimeSeriesStore store) {
        this.store = store;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        List<String> parts = List.of(path.split("/")).stream().filter(p -> !p.isEmpty()).toList();
        try {
            String db = JsonReplies.database(request);
            if (parts.isEmpty()) {
                List<String> metrics = store(request).measurements(db);
                reply(response, Map.of(), "metrics", metrics);
            } else if (parts.size() == 2 && parts.get(1).equals("dimensions")) {
                List<String> keys = store(request).tagKeys(db, parts.get(0));
                reply(response, Map.of("metric", parts.get(0)), "dimensions", keys);
            } else if (parts.size() == 4 && parts.get(1).equals("dimensions") && parts.get(3).equals("values")) {
                int limit = limit(request.getParameter("limit"));
                String prefix = request.getParameter("prefix");
                Map<String, String> head = Map.of("metric", parts.get(0), "dimension", parts.get(2));
                if (prefix != null || "frequency".equals(request.getParameter("order"))) {
                    List<TagValueCount> counted = store(request).tagValueCounts(db, parts.get(0), parts.get(2),
                            prefix == null ? "" : prefix, limit);
                    replyCounted(response, head, counted);
                } else {
                    reply(response, head, "values", store(request).tagValues(db, parts.get(0), parts.get(2), limit));
                }
            } else {
                throw new QueryException(404, "NOT_FOUND", "no such resource: /api/v1/metrics" + path, Map.of());
            }
        } catch (QueryException e) {
            JsonReplies.error(response, e);
        } catch (StoreUnavailableException e) {
            JsonReplies.error(response, QueryException.storeUnavailable(e.getMessage()));
        }
    }

    private TimeSeriesStore store(HttpServletRequest request) {
        return RowSecureStoreView.of(StoreGap.await(() -> store, StoreGap.DEFAULT_WAIT_MS), request);
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_VALUES;
        }
        try {
            long limit = Long.parseLong(text.trim());
            if (limit > 0) {
                return (int) Math.min(limit, MAX_VALUES);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw QueryException.invalid("limit", "limit must be a positive integer");
    }

    /** Writes values most series first with their series counts ({@code -1} where the store cannot count). */
    private static void replyCounted(HttpServletResponse response, Map<String, String> head, List<TagValueCount> counted)
            throws IOException {
        try (JsonGenerator g = JsonReplies.start(response, HttpServletResponse.SC_OK)) {
            g.writeStartObject();
            g.writeStringField("metric", head.get("metric"));
            g.writeStringField("dimension", head.get("dimension"));
            g.writeArrayFieldStart("values");
            for (TagValueCount c : counted) {
                g.writeString(c.value());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("series");
            for (TagValueCount c : counted) {
                g.writeNumber(c.series());
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void reply(HttpServletResponse response, Map<String, String> head, String listName, List<String> list)
            throws IOException {
        try (JsonGenerator g = JsonReplies.start(response, HttpServletResponse.SC_OK)) {
            g.writeStartObject();
            if (head.containsKey("metric")) {
                g.writeStringField("metric", head.get("metric"));
            }
            if (head.containsKey("dimension")) {
                g.writeStringField("dimension", head.get("dimension"));
            }
            g.writeArrayFieldStart(listName);
            for (String s : list) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}
