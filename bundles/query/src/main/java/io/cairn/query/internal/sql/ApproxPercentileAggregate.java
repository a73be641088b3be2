package io.cairn.query.internal.sql;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * {@code approx_percentile(value, fraction)}: a percentile (fraction 0 to 1, interpolated like
 * {@code percentile_cont}) of a uniform sample of at most {@value #SAMPLE} values of the group;
 * exact for smaller groups.
 */
public final class ApproxPercentileAggregate {
    static final int SAMPLE = 10_000;

    /** A reservoir sample of the group's values. */
    public static final class Acc {
        double[] sample = new double[64];
        int size;
        long seen;
        double fraction = Double.NaN;
        final SplittableRandom random = new SplittableRandom(42);
    }

    public Acc init() {
        return new Acc();
    }

    public Acc add(Acc acc, Object value, Object fractionValue) {
        if (value == null || fractionValue == null) {
            return acc;
        }
        double fraction = Numbers.toDouble(fractionValue, "approx_percentile");
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new InvalidSqlException("approx_percentile takes a fraction from 0 to 1, not " + fraction);
        }
        acc.fraction = fraction;
        acc.seen++;
        if (acc.size < SAMPLE) {
            if (acc.size == acc.sample.length) {
                acc.sample = Arrays.copyOf(acc.sample, Math.min(SAMPLE, acc.size * 2));
            }
            acc.sample[acc.size++] = Numbers.toDouble(value, "approx_percentile");
        } else {
            long slot = acc.random.nextLong(acc.seen);
            if (slot < SAMPLE) {
                acc.sample[(int) slot] = Numbers.toDouble(value, "approx_percentile");
            }
        }
        return acc;
    }

    public Double result(Acc acc) {
        if (acc.size == 0) {
            return null;
        }
        double[] sorted = Arrays.copyOf(acc.sample, acc.size);
        Arrays.sort(sorted);
        double position = acc.fraction * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }
}
