package io.cairn.security.internal;

import java.util.Optional;

/**
 * Decides whether one request may pass: finds its credential, proves it (API token or JWT),
 * checks the permission its path needs and slows addresses that keep failing. Plain values in,
 * a {@link Decision} out, so it is tested without a servlet container.
 */
final class RequestGate {
    private final TokenStore tokens;
    private final JwtVerifier jwt;
    private final FailureLimiter limiter;

    /** A gate; {@code jwt} is null when no JWT key is configured. */
    RequestGate(TokenStore tokens, JwtVerifier jwt, FailureLimiter limiter) {
        this.tokens = tokens;
        this.jwt = jwt;
        this.limiter = limiter;
    }

    /** Returns whether this gate checks tokens against a store. */
    boolean uses(TokenStore store) {
        return tokens == store;
    }

    /** Decides for a request given by its method, path, credential-bearing headers, raw query and client address. */
    Decision decide(String method, String path, String authorization, String apiKey, String rawQuery, String address) {
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
        Permission needed = rule.get().permission();
        if (!principal.has(needed)) {
            return Decision.forbidden("this token lacks the " + needed.label() + " permission");
        }
        if (principal.tenant() != null && rule.get().refusesTenants()) {
            return Decision.forbidden("this endpoint is not available to tenant tokens");
        }
        return Decision.allow(principal);
    }

    private Principal prove(String secret) {
        if (jwt != null && JwtVerifier.looksLikeJwt(secret)) {
            return jwt.verify(secret);
        }
        return tokens.authenticate(secret).map(TokenRecord::principal).orElse(null);
    }
}
