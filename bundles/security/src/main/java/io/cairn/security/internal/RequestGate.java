package io.cairn.security.internal;

import io.cairn.api.access.Permission;
import io.cairn.api.access.RoleGrant;
import io.cairn.api.access.TeamGrants;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether one request may pass: finds its credential, proves it (API token or JWT), joins
 * its own permissions with the role grants of its teams, checks the permission its path needs and
 * slows addresses that keep failing. Plain values in, a {@link Decision} out, so it is tested
 * without a servlet container.
 */
final class RequestGate {
    private static final Logger LOG = LoggerFactory.getLogger(RequestGate.class);

    private final TokenStore tokens;
    private final JwtVerifier jwt;
    private final FailureLimiter limiter;
    private final Supplier<TeamGrants> teamGrants;

    /** A gate without an RBAC provider; {@code jwt} is null when no JWT key is configured. */
    RequestGate(TokenStore tokens, JwtVerifier jwt, FailureLimiter limiter) {
        this(tokens, jwt, limiter, () -> null);
    }

    /** A gate asking {@code teamGrants} (which may give null: no RBAC provider) for the grants of each token. */
    RequestGate(TokenStore tokens, JwtVerifier jwt, FailureLimiter limiter, Supplier<TeamGrants> teamGrants) {
        this.tokens = tokens;
        this.jwt = jwt;
        this.limiter = limiter;
        this.teamGrants = teamGrants;
    }

    /** Returns whether this gate checks tokens against a store. */
    boolean uses(TokenStore store) {
        return tokens == store;
    }

    /** Decides for a request naming no database. */
    Decision decide(String method, String path, String authorization, String apiKey, String rawQuery, String address) {
        return decide(method, path, authorization, apiKey, rawQuery, address, null);
    }

    /**
     * Decides for a request given by its method, path, credential-bearing headers, raw query, client address
     * and the database it names (null when none).
     */
    Decision decide(String method, String path, String authorization, String apiKey, String rawQuery, String address,
            String database) {
        Optional<AccessPolicy.Rule> rule = AccessPolicy.rule(method, path);
        if (rule.isEmpty()) {
            return Decision.open();
        }
        long wait = limiter.retryAfterSeconds(address);
        if (wait > 0) {
            return Decision.tooManyFailures(wait);
        }
        Optional<Credential> credential = CredentialParser.parse(authorization, apiKey, path, rawQuery);
        if (credential.isEmpty()) {
            return Decision.unauthorized("a token is required: send Authorization: Bearer <token>");
        }
        Principal principal;
        try {
            principal = prove(credential.get().secret());
        } catch (JwtVerifier.JwtRejectedException e) {
            limiter.failed(address);
            return Decision.unauthorized(e.getMessage());
        }
        if (principal == null) {
            limiter.failed(address);
            return Decision.unauthorized("the token is not valid");
        }
        GrantedAccess access = new GrantedAccess(principal, grantsOf(principal));
        Permission needed = rule.get().permission();
        if (!access.mayEnter(needed, rule.get().data(), database)) {
            return Decision.forbidden(principal, "this token lacks the " + needed.label() + " permission");
        }
        if (principal.tenant() != null && rule.get().refusesTenants()) {
            return Decision.forbidden(principal, "this endpoint is not available to tenant tokens");
        }
        return Decision.allow(principal, access);
    }

    /** Returns the role grants of a principal's teams; none without an RBAC provider or when it fails. */
    private List<RoleGrant> grantsOf(Principal principal) {
        TeamGrants provider = teamGrants.get();
        if (provider == null) {
            return List.of();
        }
        try {
            return provider.grants(principal.id());
        } catch (RuntimeException e) {
            LOG.warn("the RBAC provider failed to give the grants of {}; only its own permissions apply: {}",
                    principal.id(), e.toString());
            return List.of();
        }
    }

    private Principal prove(String secret) {
        if (jwt != null && JwtVerifier.looksLikeJwt(secret)) {
            return jwt.verify(secret);
        }
        return tokens.authenticate(secret).map(TokenRecord::principal).orElse(null);
    }
}
