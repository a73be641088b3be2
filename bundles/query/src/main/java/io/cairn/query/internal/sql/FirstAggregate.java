package io.cairn.query.internal.sql;


/** {@code first(value, time)}: the value at the earliest time of the group, of the type of the value. */
public final class FirstAggregate {
    /** The earliest value seen so far. */
    public static final class Acc {
        long time = Long.MAX_VALUE;
        Object value;
    }

    public Acc init() {
        return new Acc();
    }

    public Acc add(Acc acc, Object value, Object time) {
        if (value != null && time != null) {
            long t = TimeBound.toMillis(time);
            if (acc.value == null || t < acc.time) {
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
