package io.cairn.security.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.cairn.api.access.RequestAccess;
import io.cairn.api.access.TeamGrants;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filter in front of every Cairn endpoint: refuses requests without a valid token or JWT (401),
 * without the permission their path needs (403) or from an address that keeps failing (429); maps
 * a tenant's databases; leaves the principal in the request attribute {@code cairn.principal} and what it
 * may do per database and measurement (its own permissions and its teams' role grants) in
 * {@link RequestAccess#ATTRIBUTE}.
 */
@Component(service = Filter.class, immediate = true, configurationPid = "io.cairn.security",
        property = "service.ranking:Integer=1000")
@Designate(ocd = AuthFilter.Config.class)
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardFilterName("cairn-authentication")
public final class AuthFilter implements Filter {
    /** The framework property that turns authentication off when set to {@code false}. */
    static final String ENABLED_PROPERTY = "cairn.auth.enabled";
    private static final Logger LOG = LoggerFactory.getLogger(AuthFilter.class);

    /** Configuration of authentication. */
    @ObjectClassDefinition(name = "Cairn authentication")
    public @interface Config {
        @AttributeDefinition(description = "Authentication on; false (or the framework property cairn.auth.enabled=false) "
                + "lets every request through: for local development only")
        boolean enabled() default true;

        @AttributeDefinition(description = "HS256 secret (at least 32 bytes) for JWTs; empty = framework property "
                + "cairn.auth.jwt.secret")
        String jwt_hs256_secret() default "";

        @AttributeDefinition(description = "PEM public key (RSA for RS256, P-256 EC for ES256) for JWTs; empty = "
                + "framework property cairn.auth.jwt.public.key")
        String jwt_public_key() default "";

        @AttributeDefinition(description = "Bad credentials an address may present per window before it gets 429")
        int failures_allowed() default 10;

        @AttributeDefinition(description = "The window over which failures_allowed refill, in seconds")
        int failure_window_seconds() default 60;
    }

    private final boolean enabled;
    private final JwtVerifier jwt;
    private final FailureLimiter limiter;
    private volatile RequestGate gate;

    /** The RBAC provider (an enterprise bundle, often absent): the role grants of a token's teams. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TeamGrants teamGrants;

    @Activate
    public AuthFilter(BundleContext context, Config config) {
        this.enabled = enabled(config.enabled(), context.getProperty(ENABLED_PROPERTY));
        this.jwt = jwtVerifier(config, context);
        this.limiter = new FailureLimiter(config.failures_allowed(), config.failure_window_seconds(), System::nanoTime);
        if (!enabled) {
            LOG.warn("Authentication is DISABLED ({}=false): every request is let through. Never do this outside "
                    + "local development.", ENABLED_PROPERTY);
        } else {
            LOG.debug("authentication on; JWT {}", jwt == null ? "off" : jwt.algorithm());
        }
    }

    /** Returns whether authentication is on: both the configuration and the framework property must allow it. */
    static boolean enabled(boolean configured, String frameworkProperty) {
        return configured && !"false".equalsIgnoreCase(frameworkProperty == null ? "" : frameworkProperty.trim());
    }

    /**
     * Binds the token store. The reference is optional so that the filter stays registered and refuses
     * protected requests (503) when the store cannot be opened, rather than vanishing and leaving the
     * endpoints open.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRegistry(TokenRegistry registry) {
        gate = new RequestGate(registry.store(), jwt, limiter, () -> teamGrants);
    }

    void unbindRegistry(TokenRegistry registry) {
        RequestGate current = gate;
        if (current != null && current.uses(registry.store())) {
            gate = null;
        }
    }

    private static JwtVerifier jwtVerifier(Config config, BundleContext context) {
        String secret = config.jwt_hs256_secret().isBlank()
                ? FrameworkSettings.property(context, "cairn.auth.jwt.secret", "") : config.jwt_hs256_secret();
        String key = config.jwt_public_key().isBlank()
                ? FrameworkSettings.property(context, "cairn.auth.jwt.public.key", "") : config.jwt_public_key();
        try {
            if (!key.isBlank()) {
                return JwtVerifier.publicKey(key, Clock.systemUTC());
            }
            if (!secret.isBlank()) {
                return JwtVerifier.hs256(secret, Clock.systemUTC());
            }
        } catch (IllegalArgumentException e) {
            LOG.error("JWTs are refused: {}", e.getMessage());
        }
        return null;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain) throws IOException, ServletException {
        if (!enabled || !(req instanceof HttpServletRequest request) || !(resp instanceof HttpServletResponse response)) {
            chain.doFilter(req, resp);
            return;
        }
        String path = path(request);
        RequestGate current = gate;
        if (current == null) {
            if (AccessPolicy.rule(request.getMethod(), path).isEmpty()) {
                chain.doFilter(request, response);
            } else {
                response.setHeader("Retry-After", "5");
                ErrorReplies.cairn(response, 503, "AUTH_UNAVAILABLE",
                        "the token store is not available; see the server log", Map.of());
            }
            return;
        }
        Decision d = current.decide(request.getMethod(), path, request.getHeader("Authorization"),
                request.getHeader("x-api-key"), request.getQueryString(), request.getRemoteAddr(),
                namedDatabase(request));
        if (!d.allowed()) {
            if (d.principal() != null) {
                request.setAttribute(Principal.ATTRIBUTE, d.principal().asMap());
            }
            ErrorReplies.refuse(response, path, d);
            return;
        }
        if (d.principal() == null) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest passed = d.principal().tenant() == null ? request
                : new TenantRequest(request, d.principal().tenant());
        passed.setAttribute(Principal.ATTRIBUTE, d.principal().asMap());
        passed.setAttribute(RequestAccess.ATTRIBUTE, d.access());
        chain.doFilter(passed, response);
    }

    /**
     * Returns the database a request names as its client wrote it: the {@code X-Cairn-Database} header, else
     * the {@code db} query parameter, else the {@code bucket} one without its retention policy; null when none.
     */
    static String namedDatabase(HttpServletRequest request) {
        String header = request.getHeader(TenantRequest.DATABASE_HEADER);
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        String db = CredentialParser.queryParameter(request.getQueryString(), "db");
        if (db != null && !db.isEmpty()) {
            return db;
        }
        String bucket = CredentialParser.queryParameter(request.getQueryString(), "bucket");
        if (bucket == null || bucket.isEmpty()) {
            return null;
        }
        int slash = bucket.indexOf('/');
        return slash < 0 ? bucket : bucket.substring(0, slash);
    }

    /** Returns the path the container matched: servlet path plus path info. */
    static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String info = request.getPathInfo() == null ? "" : request.getPathInfo();
        String path = servletPath + info;
        return path.isEmpty() ? "/" : path;
    }
}
