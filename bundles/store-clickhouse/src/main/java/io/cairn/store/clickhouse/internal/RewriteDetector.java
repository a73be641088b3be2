package io.cairn.store.clickhouse.internal;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells which time ranges of a batch must be marked ({@link RewriteMarks}) before it is inserted because its
 * rows may repeat a (series, field, time) already stored or being stored. A row is new when its time is later
 * than every time this node wrote (or tried to write) for its series since it started (for a series it has not
 * written since then: later than the newest time of the whole table when it first saw it). The other rows
 * (a retried flush, a WAL replay, a late or rewritten point) need a mark when two of them in the batch share a
 * series and time, when an insert of this node in flight overlaps them, or when the table holds any row in their
 * time range; rows that only came out of order into a gap need none. A failed insert may still land later, so
 * its time range is marked before the next write to the table. Times advance before the insert, so a retry is
 * never taken for new rows.
 */
final class RewriteDetector {
    private static final Logger LOG = LoggerFactory.getLogger(RewriteDetector.class);
    /** No time stored yet. */
    static final long NONE = Long.MIN_VALUE;

    private final ServerConnection server;
    private final Map<String, TableState> tables = new ConcurrentHashMap<>();

    RewriteDetector(ServerConnection server) {
        this.server = server;
    }

    /** What a write must mark before its insert, and what it holds until {@link #finish}. */
    static final class Plan {
        private final TableState state;
        private final InFlight own;
        private final List<long[]> failed;
        private final List<InFlight> overlapped;
        private long[] rewrite;

        private Plan(TableState state, InFlight own, List<long[]> failed, List<InFlight> overlapped) {
            this.state = state;
            this.own = own;
            this.failed = failed;
            this.overlapped = overlapped;
        }

        /** Returns the [min, max] time range (inclusive) of the batch's rows to mark, or null. */
        long[] rewrite() {
            return rewrite;
        }

        /** Returns the ranges of failed inserts to mark (and never settle: they may still land). */
        List<long[]> failed() {
            return failed;
        }
    }

    /** Advances the latest times of the batch's series and returns what to mark; call {@link #finish} after. */
    Plan plan(String qualifiedTable, String table, WriteBatch batch) {
        TableState state = tables.computeIfAbsent(table, t -> new TableState());
        long[] risky;
        boolean repeatsInBatch;
        List<InFlight> overlapped;
        List<long[]> failed;
        InFlight mine;
        synchronized (state) {
            long[] last = latestTimes(state, qualifiedTable, batch);
            long[][] own = timesBySeries(batch, last.length);
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            boolean repeats = false;
            long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
            for (int s = 0; s < own.length; s++) {
                long[] t = own[s];
                if (t.length == 0) {
                    continue;
                }
                Arrays.sort(t);
                for (int i = 0; i < t.length; i++) {
                    boolean repeat = i > 0 && t[i] == t[i - 1];
                    if (repeat || (last[s] != NONE && t[i] <= last[s])) {
                        repeats |= repeat;
                        min = Math.min(min, t[i]);
                        max = Math.max(max, t[i]);
                    }
                }
                span[0] = Math.min(span[0], t[0]);
                span[1] = Math.max(span[1], t[t.length - 1]);
                last[s] = last[s] == NONE ? t[t.length - 1] : Math.max(last[s], t[t.length - 1]);
                state.latest.put(Names.seriesKey(batch.series().get(s)), last[s]);
            }
            risky = min <= max ? new long[] {min, max} : null;
            repeatsInBatch = repeats;
            overlapped = risky == null ? List.of()
                    : state.inFlight.stream().filter(r -> overlap(r.span, risky)).toList();
            mine = new InFlight(span);
            state.inFlight.add(mine);
            failed = List.copyOf(state.failed);
        }
        Plan plan = new Plan(state, mine, failed, overlapped);
        try {
            if (risky != null && (repeatsInBatch || !overlapped.isEmpty() || holdsRows(qualifiedTable, risky))) {
                plan.rewrite = risky;
            }
        } catch (RuntimeException e) {
            finish(plan, false);
            throw e;
        }
        return plan;
    }

    /** Records that the plan's failed ranges are marked now. */
    void marked(Plan plan) {
        synchronized (plan.state) {
            plan.state.failed.removeAll(plan.failed);
        }
    }

    /**
     * Runs an action (settling the plan's mark) once every insert in flight that the plan's rows overlapped has
     * ended: until then such an insert may still add rows the mark's merge would not have seen.
     */
    void afterOverlapped(Plan plan, Settle action) {
        synchronized (plan.state) {
            List<InFlight> running = plan.overlapped.stream().filter(plan.state.inFlight::contains).toList();
            if (!running.isEmpty()) {
                AtomicInteger left = new AtomicInteger(running.size());
                Runnable whenLastEnds = () -> {
                    if (left.decrementAndGet() == 0) {
                        action.settle(true);
                    }
                };
                running.forEach(r -> r.waiting.add(whenLastEnds));
                return;
            }
        }
        action.settle(false);
    }

    /** Settles a plan's mark; waited tells that it ran when the last insert it waited for ended. */
    @FunctionalInterface
    interface Settle {
        void settle(boolean waited);
    }

    /** Ends a write: a failed insert's range is marked before the next write, since the insert may still land. */
    void finish(Plan plan, boolean inserted) {
        synchronized (plan.state) {
            plan.state.inFlight.remove(plan.own);
            if (!inserted) {
                long[] union = plan.own.span.clone(); // retries during an outage fail again and again: keep one range
                plan.state.failed.removeIf(r -> {
                    boolean joins = overlap(r, union);
                    if (joins) {
                        union[0] = Math.min(union[0], r[0]);
                        union[1] = Math.max(union[1], r[1]);
                    }
                    return joins;
                });
                plan.state.failed.add(union);
            }
        }
        for (Runnable waiting : plan.own.waiting) {
            try {
                waiting.run();
            } catch (RuntimeException e) {
                LOG.warn("a rewrite mark waiting for this insert stays open until its lease ends: {}", e.getMessage());
            }
        }
    }

    private long[] latestTimes(TableState state, String qualifiedTable, WriteBatch batch) {
        List<Tags> series = batch.series();
        long[] last = new long[series.size()];
        Long tableLatest = null;
        for (int s = 0; s < last.length; s++) {
            Long known = state.latest.get(Names.seriesKey(series.get(s)));
            if (known == null) {
                tableLatest = tableLatest != null ? tableLatest : newestTime(qualifiedTable);
                known = tableLatest;
            }
            last[s] = known;
        }
        return last;
    }

    /** Returns the times of the batch's rows, by series. */
    private static long[][] timesBySeries(WriteBatch batch, int seriesCount) {
        int[] counts = new int[seriesCount];
        for (int row = 0; row < batch.size(); row++) {
            counts[batch.seriesIndex(row)]++;
        }
        long[][] out = new long[seriesCount][];
        for (int s = 0; s < seriesCount; s++) {
            out[s] = new long[counts[s]];
            counts[s] = 0;
        }
        for (int row = 0; row < batch.size(); row++) {
            int s = batch.seriesIndex(row);
            out[s][counts[s]++] = batch.time(row);
        }
        return out;
    }

    private static boolean overlap(long[] a, long[] b) {
        return a[0] <= b[1] && b[0] <= a[1];
    }

    private boolean holdsRows(String qualifiedTable, long[] range) {
        return !server.rows("SELECT 1 FROM " + qualifiedTable + " WHERE time >= " + range[0] + " AND time <= "
                + range[1] + " LIMIT 1 FORMAT TabSeparated").isEmpty();
    }

    private long newestTime(String qualifiedTable) {
        String[] row = server.rows("SELECT count(), max(time) FROM " + qualifiedTable + " FORMAT TabSeparated").get(0);
        return row[0].equals("0") ? NONE : Long.parseLong(row[1]);
    }

    /** An insert under way: its time span and the actions waiting for it to end (guarded by its table's state). */
    private static final class InFlight {
        final long[] span;
        final List<Runnable> waiting = new ArrayList<>();

        InFlight(long[] span) {
            this.span = span;
        }
    }

    /** What this node knows of one table's writes. */
    private static final class TableState {
        final Map<String, Long> latest = new HashMap<>();
        final List<InFlight> inFlight = new ArrayList<>();
        final List<long[]> failed = new ArrayList<>();
    }
}
