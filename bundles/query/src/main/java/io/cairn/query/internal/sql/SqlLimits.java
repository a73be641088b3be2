package io.cairn.query.internal.sql;

/**
 * The server's limits on SQL statements.
 *
 * @param timeoutMillis how long a statement may run before it is cancelled
 * @param maxRows the most rows a result holds; more are cut off and the result says so
 */
public record SqlLimits(long timeoutMillis, int maxRows) {
    /** The defaults: 30 s and 100,000 rows. */
    public static final SqlLimits DEFAULTS = new SqlLimits(30_000, 100_000);
}
