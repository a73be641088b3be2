package io.cairn.query.internal.sql;

import io.cairn.api.store.TimeSeriesStore;
import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prepared statements kept for reuse, least recently used first out, at most {@code capacity} of them.
 * A statement is found by its text, default database and tenant, and is taken only when the store shows the
 * catalog its plan was built from (checked on every take), so a new field or measurement, a row-security view
 * showing other columns or capabilities, or another store never runs a stale plan. The cache empties when the
 * store behind the statements changes (a swap or a store bundle update).
 */
final class PlanCache implements AutoCloseable {
    /** The most statements kept for one key (concurrent executions of the same text). */
    static final int PER_KEY = 4;

    /**
     * What a cached statement is found by.
     *
     * @param sql the statement's text, or a relational statement's plan key
     * @param relational true for a {@link RelationalStatement}
     */
    record Key(String sql, String database, String tenant, boolean relational) {
    }

    private final int capacity;
    private final LinkedHashMap<Key, ArrayDeque<PreparedPlan>> idle = new LinkedHashMap<>(16, 0.75f, true);
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private WeakReference<TimeSeriesStore> source = new WeakReference<>(null);
    private int size;
    private boolean closed;

    PlanCache(int capacity) {
        this.capacity = Math.max(0, capacity);
    }

    /**
     * Takes a statement prepared for a key whose plan is valid over {@code view}, or returns null; statements
     * found invalid are closed.
     *
     * @param source the store behind the view (its change empties the cache)
     */
    PreparedPlan take(Key key, TimeSeriesStore source, TimeSeriesStore view) {
        while (true) {
            PreparedPlan plan = poll(key, source);
            if (plan == null) {
                misses.incrementAndGet();
                return null;
            }
            boolean valid = false;
            try {
                valid = plan.validFor(view);
            } finally {
                if (!valid) {
                    plan.close();
                }
            }
            if (valid) {
                hits.incrementAndGet();
                return plan;
            }
        }
    }

    /** Gives a statement back after a successful execution; it is closed when the cache has no room or is closed. */
    synchronized void give(Key key, TimeSeriesStore from, PreparedPlan plan) {
        plan.bind(null);
        ArrayDeque<PreparedPlan> plans = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
        if (capacity == 0 || closed || source.get() != from || plans.size() >= PER_KEY) {
            if (plans.isEmpty()) {
                idle.remove(key);
            }
            plan.close();
            return;
        }
        plans.addLast(plan);
        size++;
        while (size > capacity) {
            Iterator<Map.Entry<Key, ArrayDeque<PreparedPlan>>> eldest = idle.entrySet().iterator();
            Map.Entry<Key, ArrayDeque<PreparedPlan>> entry = eldest.next();
            entry.getValue().pollFirst().close();
            size--;
            if (entry.getValue().isEmpty()) {
                eldest.remove();
            }
        }
    }

    private synchronized PreparedPlan poll(Key key, TimeSeriesStore from) {
        if (source.get() != from) {
            clear();
            source = new WeakReference<>(from);
        }
        ArrayDeque<PreparedPlan> plans = idle.get(key);
        if (plans == null) {
            return null;
        }
        PreparedPlan plan = plans.pollLast();
        size--;
        if (plans.isEmpty()) {
            idle.remove(key);
        }
        return plan;
    }

    /** Returns how many statements are kept now. */
    synchronized int size() {
        return size;
    }

    /** Returns how many takes found a valid statement. */
    long hits() {
        return hits.get();
    }

    /** Returns how many takes found none (the statement was prepared). */
    long misses() {
        return misses.get();
    }

    /** Closes every kept statement. */
    synchronized void clear() {
        idle.values().forEach(plans -> plans.forEach(PreparedPlan::close));
        idle.clear();
        size = 0;
    }

    /** Closes every kept statement and those given back from now on (still running when the engine closed). */
    @Override
    public synchronized void close() {
        closed = true;
        clear();
    }
}
