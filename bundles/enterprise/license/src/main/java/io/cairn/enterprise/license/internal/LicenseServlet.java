package io.cairn.enterprise.license.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /api/v1/license}: {@code GET} shows the license (validity, tier, features, phase, days
 * remaining), {@code PUT} installs the signed license document sent as the body, {@code DELETE}
 * removes it; enterprise bundles follow without a restart.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/license")
@HttpWhiteboardServletName("cairn-license")
public final class LicenseServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final int MAX_DOCUMENT_BYTES = 64 * 1024;

    private final transient ActiveLicense license;

    /** Creates the servlet over the node's license. */
    @Activate
    public LicenseServlet(@Reference ActiveLicense license) {
        this.license = license;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LicenseReplies.reply(response, 200, LicenseReplies.describe(license.status()));
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] document;
        try (InputStream in = request.getInputStream()) {
            document = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
        }
        if (document.length > MAX_DOCUMENT_BYTES) {
            LicenseReplies.error(response, 413, "LICENSE_TOO_LARGE", "a license document is at most 64 KiB");
            return;
        }
        try {
            LicenseReplies.reply(response, 200, LicenseReplies.describe(license.install(document)));
        } catch (LicenseException e) {
            LicenseReplies.error(response, 400, e.code(), e.getMessage());
        }
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        license.remove();
        response.setStatus(204);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LicenseReplies.reply(response, 405, Map.of("error", Map.of("code", "METHOD_NOT_ALLOWED",
                "message", "use PUT to install a license, GET to read it, DELETE to remove it", "details", Map.of())));
    }
}
