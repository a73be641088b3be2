package io.cairn.admin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code POST /api/v1/admin/migrate} starts a copy between stores; {@code GET /api/v1/admin/jobs[/{id}]}
 * shows jobs; {@code POST /api/v1/admin/jobs/{id}/stop} and {@code /resume} stop and continue one.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api/v1/admin/migrate", "/api/v1/admin/jobs", "/api/v1/admin/jobs/*"})
@HttpWhiteboardServletName("cairn-admin-jobs")
public final class JobsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** The widest range a job copies when it names none: about 1824 to 2116. */
    static final long EARLIEST = -(1L << 62);
    static final long LATEST = 1L << 62;

    private final transient MigrationJobs jobs;

    /** Creates the servlet over the jobs. */
    @Activate
    public JobsServlet(@Reference MigrationJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!AdminReplies.allowed(request, response)) {
            return;
        }
        String[] path = path(request);
        if (request.getServletPath().endsWith("/migrate")) {
            AdminReplies.error(response, 405, "METHOD_NOT_ALLOWED", "POST a migration to start it");
        } else if (path.length == 0) {
            List<Map<String, Object>> all = jobs.all().stream().sorted(Comparator.comparingLong(j -> j.startedAtMillis))
                    .map(jobs::describe).toList();
            AdminReplies.reply(response, 200, Map.of("jobs", all));
        } else {
            try {
                AdminReplies.reply(response, 200, jobs.describe(jobs.get(path[0])));
            } catch (IllegalArgumentException e) {
                AdminReplies.error(response, 404, "NOT_FOUND", e.getMessage());
            }
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!AdminReplies.allowed(request, response)) {
            return;
        }
        String[] path = path(request);
        try {
            if (request.getServletPath().endsWith("/migrate")) {
                JsonNode body = AdminReplies.JSON.readTree(request.getInputStream());
                MigrationJob job = jobs.start(text(body, "from"), text(body, "to"), text(body, "database"),
                        text(body, "measurement"), time(body, "start", EARLIEST), time(body, "end", LATEST));
                AdminReplies.reply(response, 202, jobs.describe(job));
            } else if (path.length == 2 && path[1].equals("stop")) {
                AdminReplies.reply(response, 200, jobs.describe(jobs.stop(path[0])));
            } else if (path.length == 2 && path[1].equals("resume")) {
                AdminReplies.reply(response, 200, jobs.describe(jobs.resume(path[0])));
            } else {
                AdminReplies.error(response, 404, "NOT_FOUND", "POST /api/v1/admin/jobs/{id}/stop or /resume");
            }
        } catch (IllegalArgumentException e) {
            AdminReplies.error(response, 400, "INVALID_REQUEST", e.getMessage());
        } catch (IOException e) {
            AdminReplies.error(response, 400, "INVALID_JSON", "the body is not JSON: " + e.getMessage());
        }
    }

    private static String[] path(HttpServletRequest request) {
        String info = request.getPathInfo();
        return info == null || info.equals("/") ? new String[0] : info.substring(1).split("/");
    }

    private static String text(JsonNode body, String key) {
        JsonNode v = body == null ? null : body.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Reads an RFC 3339 time or integer nanoseconds since the epoch. */
    private static long time(JsonNode body, String key, long absent) {
        JsonNode v = body == null ? null : body.get(key);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        try {
            Instant t = Instant.parse(v.asText());
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException(key + " must be an RFC 3339 time or nanoseconds: " + v.asText());
        }
    }
}
