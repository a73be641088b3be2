package io.cairn.security.internal;

/**
 * What the gate decided for one request: let it through (with the principal, null on an open path)
 * or refuse it with a status, an error code, a message and, for 429, the seconds to wait.
 */
record Decision(boolean allowed, Principal principal, int status, String code, String message, long retryAfterSeconds) {
    static Decision open() {
        return new Decision(true, null, 200, null, null, 0);
    }

    static Decision allow(Principal principal) {
        return new Decision(true, principal, 200, null, null, 0);
    }

    static Decision unauthorized(String message) {
        return new Decision(false, null, 401, "UNAUTHORIZED", message, 0);
    }

    static Decision forbidden(String message) {
        return new Decision(false, null, 403, "FORBIDDEN", message, 0);
    }

    static Decision tooManyFailures(long retryAfterSeconds) {
        return new Decision(false, null, 429, "TOO_MANY_FAILURES",
                "too many failed authentications from this address; retry later", retryAfterSeconds);
    }
}
