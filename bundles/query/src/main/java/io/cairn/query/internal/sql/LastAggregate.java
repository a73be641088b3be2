package io.cairn.query.internal.sql;


/** {@code last(value, time)}: the value at the latest time of the group, of the type of the value. */
public final class LastAggregate {
    /** The latest value seen so far. */
    public static final class Acc {
        long time = Long.MIN_VALUE;
        Object value;
    }

    public Acc init() {
        return new Acc();
    }

    public Acc add(Acc acc, Object value, Object time) {
        if (value != null && time != null) {
            long t = TimeBound.toMillis(time);
            if (acc.value == null || t >= acc.time) {
                acc.time = t;
                acc.value = Numbers.widened(value);
            }
        }
        return acc;
    }

    public Object result(Acc acc) {
        return acc.value;
    }
}
