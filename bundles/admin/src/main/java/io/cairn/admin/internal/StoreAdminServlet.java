package io.cairn.admin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.store.StoreHealth;
import io.cairn.api.store.TimeSeriesStore;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /api/v1/admin/store} shows the active store and the health of every running one;
 * {@code PUT} with {@code {"store":"parquet"}} makes another running store the active one.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/admin/store")
@HttpWhiteboardServletName("cairn-admin-store")
public final class StoreAdminServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient StoreSelection selection;

    /** Creates the servlet over the store selection. */
    @Activate
    public StoreAdminServlet(@Reference StoreSelection selection) {
        this.selection = selection;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (AdminReplies.allowed(request, response)) {
            AdminReplies.reply(response, 200, describe());
        }
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!AdminReplies.allowed(request, response)) {
            return;
        }
        JsonNode body;
        try {
            body = AdminReplies.JSON.readTree(request.getInputStream());
        } catch (IOException e) {
            AdminReplies.error(response, 400, "INVALID_JSON", "the body is not JSON: " + e.getMessage());
            return;
        }
        JsonNode store = body == null ? null : body.get("store");
        if (store == null || !store.isTextual()) {
            AdminReplies.error(response, 400, "INVALID_REQUEST", "send {\"store\":\"<name>\"}");
            return;
        }
        try {
            selection.select(store.asText());
        } catch (IllegalArgumentException e) {
            AdminReplies.error(response, 400, "UNKNOWN_STORE", e.getMessage());
            return;
        }
        AdminReplies.reply(response, 200, describe());
    }

    private Map<String, Object> describe() {
        List<Map<String, Object>> stores = new ArrayList<>();
        String active = selection.active();
        for (Map.Entry<String, TimeSeriesStore> e : selection.stores().entrySet()) {
            StoreHealth health = e.getValue().health();
            Map<String, Object> store = new LinkedHashMap<>();
            store.put("name", e.getKey());
            store.put("active", e.getKey().equals(active));
            store.put("healthy", health.healthy());
            store.put("detail", health.detail());
            stores.add(store);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", active);
        body.put("stores", stores);
        return body;
    }
}
