package io.cairn.security.internal;

/**
 * What the gate decided for one request: let it through (with the principal and its access, both null
 * on an open path) or refuse it with a status, an error code, a message and, for 429, the seconds to wait.
 */
record Decision(boolean allowed, Principal principal, GrantedAccess access, int status, String code, String message,
        long retryAfterSeconds) {
    static Decision open() {
        return new Decision(true, null, null, 200, null, null, 0);
    }

    static Decision allow(Principal principal, GrantedAccess access) {
        return new Decision(true, principal, access, 200, null, null, 0);
    }

    static Decision unauthorized(String message) {
        return new Decision(false, null, null, 401, "UNAUTHORIZED", message, 0);
    }

    /** A refusal of a proven principal, who is named in the audit of the request. */
    static Decision forbidden(Principal principal, String message) {
        return new Decision(false, principal, null, 403, "FORBIDDEN", message, 0);
    }

    static Decision tooManyFailures(long retryAfterSeconds) {
        return new Decision(false, null, null, 429, "TOO_MANY_FAILURES",
                "too many failed authentications from this address; retry later", retryAfterSeconds);
    }
}
