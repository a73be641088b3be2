package io.cairn.store.parquet.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /api/v1/admin/compaction} shows the Parquet store's files per partition, the partitions
 * due and the last runs; {@code POST} compacts every partition with two files or more now. Like the
 * other admin endpoints it answers only on the loopback interface.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/admin/compaction")
@HttpWhiteboardServletName("cairn-admin-compaction")
public final class CompactionServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient CompactionControl compaction;

    /** Creates the servlet over the Parquet store. */
    @Activate
    public CompactionServlet(@Reference CompactionControl compaction) {
        this.compaction = compaction;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (allowed(request, response)) {
            reply(response, 200, compaction.compactionStatus());
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!allowed(request, response)) {
            return;
        }
        List<CompactionRun> runs;
        try {
            runs = compaction.compactNow();
        } catch (RuntimeException e) {
            reply(response, 503, Map.of("error", Map.of("code", "COMPACTION_FAILED", "message", String.valueOf(e.getMessage()),
                    "details", Map.of())));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runs", runs);
        body.putAll(compaction.compactionStatus());
        reply(response, 200, body);
    }

    private static boolean allowed(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String address = request.getRemoteAddr();
        boolean loopback;
        try {
            loopback = address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (IOException e) {
            loopback = false;
        }
        if (!loopback) {
            reply(response, 403, Map.of("error", Map.of("code", "ADMIN_LOOPBACK_ONLY",
                    "message", "the admin API answers only on the loopback interface", "details", Map.of())));
        }
        return loopback;
    }

    private static void reply(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
