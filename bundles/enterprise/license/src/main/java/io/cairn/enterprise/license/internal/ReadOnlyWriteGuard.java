package io.cairn.enterprise.license.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.Preprocessor;

/**
 * While the license is read-only (15–29 days after expiry) refuses every write endpoint with
 * {@code 403 LICENSE_EXPIRED}; queries and everything else pass.
 */
@Component(service = Preprocessor.class)
public final class ReadOnlyWriteGuard implements Preprocessor {
    /** The paths that write data. */
    static final Set<String> WRITE_PATHS = Set.of("/write", "/api/v2/write", "/api/v1/write",
            "/api/v1/write/line-protocol", "/api/v1/write/msgpack");

    private final ActiveLicense license;

    /** Creates the guard over the node's license. */
    @Activate
    public ReadOnlyWriteGuard(@Reference ActiveLicense license) {
        this.license = license;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && isWrite(http) && !license.status().writesAllowed()) {
            LicenseStatus status = license.status();
            LicenseReplies.error((HttpServletResponse) response, 403, "LICENSE_EXPIRED", "license "
                    + status.license().id() + " expired on " + status.license().expires()
                    + "; Cairn is read-only until a renewed license is installed (PUT /api/v1/license)");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isWrite(HttpServletRequest request) {
        return isWrite(request.getMethod(), request.getRequestURI(), request.getContextPath());
    }

    /**
     * Whether a request with this method and raw URI (under the context path) is a write. The URI is read as the
     * servlet container matches it: path parameters ({@code ;x=1}) dropped, percent escapes decoded, dot segments
     * resolved; a URI that cannot be read counts as a write.
     */
    static boolean isWrite(String method, String uri, String contextPath) {
        if ("OPTIONS".equals(method) || uri == null) {
            return false;
        }
        String path;
        try {
            path = new URI(uri.replaceAll(";[^/]*", "")).normalize().getPath();
        } catch (URISyntaxException e) {
            return true;
        }
        if (path == null) {
            return true;
        }
        if (contextPath != null && !contextPath.isEmpty() && path.startsWith(contextPath)) {
            path = path.substring(contextPath.length());
        }
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return WRITE_PATHS.contains(path);
    }
}
