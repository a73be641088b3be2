package io.cairn.query.internal.sql;

import java.util.Arrays;

/**
 * {@code rate(counter, time)}: the per-second increase of a counter over the group, from its first
 * to its last point in time; a drop is taken as a counter reset (the counter restarted from 0).
 */
public final class RateAggregate {
    /** The points of the group. */
    public static final class Acc {
        long[] times = new long[16];
        double[] values = new double[16];
        int size;
    }

    public Acc init() {
        return new Acc();
    }

    public Acc add(Acc acc, Object value, Object time) {
        if (value != null && time != null) {
            if (acc.size == acc.times.length) {
                acc.times = Arrays.copyOf(acc.times, acc.size * 2);
                acc.values = Arrays.copyOf(acc.values, acc.size * 2);
            }
            acc.times[acc.size] = TimeBound.toMillis(time);
            acc.values[acc.size++] = Numbers.toDouble(value, "rate");
        }
        return acc;
    }

    public Double result(Acc acc) {
        if (acc.size < 2) {
            return null;
        }
        Integer[] order = new Integer[acc.size];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Long.compare(acc.times[a], acc.times[b]));
        double increase = 0;
        for (int i = 1; i < order.length; i++) {
            double previous = acc.values[order[i - 1]];
            double current = acc.values[order[i]];
            increase += current >= previous ? current - previous : current;
        }
        long millis = acc.times[order[order.length - 1]] - acc.times[order[0]];
        return millis == 0 ? null : increase * 1000.0 / millis;
    }
}
