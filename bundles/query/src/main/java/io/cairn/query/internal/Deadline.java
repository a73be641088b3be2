package io.cairn.query.internal;

/** The moment a query must have finished by; checked between store reads. */
final class Deadline {
    private final long timeoutMillis;
    private final long endNanoTime;

    private Deadline(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
        this.endNanoTime = System.nanoTime() + timeoutMillis * 1_000_000L;
    }

    /** Returns the deadline a number of milliseconds from now. */
    static Deadline after(long timeoutMillis) {
        return new Deadline(timeoutMillis);
    }

    /** Throws QUERY_TIMEOUT once the deadline has passed. */
    void check() {
        if (System.nanoTime() - endNanoTime > 0) {
            throw QueryException.timeout(timeoutMillis);
        }
    }
}
