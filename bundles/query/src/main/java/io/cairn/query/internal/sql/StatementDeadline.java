package io.cairn.query.internal.sql;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timeout of one statement over planning and running: when it expires it stops the planner (through the
 * flag the planner checks) and cancels the running JDBC statement, whose store scan then stops at its next row.
 */
final class StatementDeadline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatementDeadline.class);

    private final AtomicBoolean expired = new AtomicBoolean();
    private final DeadlineWatch.Deadline timer;
    private Statement running;
    private boolean finished;
    private boolean cancelledStatement;

    StatementDeadline(DeadlineWatch timers, long millis) {
        this.timer = timers.watch(millis, this::expire);
    }

    /** Returns the flag that is set once the deadline passed (the planner and the row reader watch it). */
    AtomicBoolean expiredFlag() {
        return expired;
    }

    boolean expired() {
        return expired.get();
    }

    /** Names the statement to cancel from now on; false when the deadline already passed. */
    synchronized boolean running(Statement statement) {
        if (expired.get()) {
            return false;
        }
        running = statement;
        return true;
    }

    private synchronized void expire() {
        if (finished) {
            return;
        }
        expired.set(true);
        if (running != null) {
            cancelledStatement = true;
            try {
                running.cancel();
            } catch (SQLException | RuntimeException e) {
                LOG.debug("cancelling a statement failed", e);
            }
        }
    }

    /**
     * Returns whether the deadline cancelled the running statement: its cancel flag never clears, so it must
     * not run again (ask after {@link #close()}, which makes the answer final).
     */
    synchronized boolean cancelledStatement() {
        return cancelledStatement;
    }

    /** Ends the deadline; after this it cancels nothing, so the statement may run again for another request. */
    @Override
    public synchronized void close() {
        finished = true;
        running = null;
        timer.cancel();
    }
}
