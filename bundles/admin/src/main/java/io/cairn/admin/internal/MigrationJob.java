package io.cairn.admin.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one copy of data from a store to another, saved after every finished day so that a
 * stopped or crashed job resumes where it was. Jackson reads and writes it as it is.
 */
public final class MigrationJob {
    /** Where a job is. */
    public enum State { RUNNING, STOPPED, FAILED, INTERRUPTED, DONE }

    public String id;
    public String from;
    public String to;
    public String database;
    public String measurement;
    public long startNanos;
    public long endNanos;
    public State state = State.RUNNING;
    public String error;
    /** Days still to copy, as {@code database/measurement/dayStartNanos/rows}, filled by the plan. */
    public List<String> pending = new ArrayList<>();
    public boolean planned;
    public long rowsTotal;
    public long rowsCopied;
    public long startedAtMillis;
    public long runningMillis;

    /** Returns what {@code GET /api/v1/admin/jobs/{id}} shows. */
    Map<String, Object> describe(long nowMillis, long runStartedMillis) {
        long millis = runningMillis + (state == State.RUNNING ? nowMillis - runStartedMillis : 0);
        double rate = millis > 0 ? rowsCopied * 1000.0 / millis : 0;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", id);
        d.put("type", "migrate");
        d.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
        d.put("from", from);
        d.put("to", to);
        d.put("database", database);
        d.put("measurement", measurement);
        d.put("rows_copied", rowsCopied);
        d.put("rows_total", planned ? rowsTotal : null);
        d.put("rows_per_second", Math.round(rate));
        d.put("eta_seconds", planned && rate > 0 ? Math.round(Math.max(0, rowsTotal - rowsCopied) / rate) : null);
        d.put("days_left", planned ? pending.size() : null);
        if (error != null) {
            d.put("error", error);
        }
        return d;
    }
}
