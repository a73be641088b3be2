package io.cairn.query.internal.sql;

import io.cairn.api.store.AggregateFunction;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A GROUP BY pushed into the scan: optional time buckets, tag keys and aggregate calls, in the
 * order of the Aggregate it replaced (group keys first, then calls).
 *
 * @param bucketMillis width of the time buckets, 0 when time is not a group key
 * @param keys the group keys in output order: a tag key, or null for the time bucket
 * @param calls the aggregate calls in output order
 */
public record PushedAggregation(long bucketMillis, List<String> keys, List<Call> calls) {
    /**
     * One aggregate call over a field.
     *
     * @param function the store's function
     * @param field the field
     * @param integral true when the SQL result is BIGINT (COUNT, or SUM/MIN/MAX/AVG of a BIGINT)
     */
    public record Call(AggregateFunction function, String field, boolean integral) {
        @Override
        public String toString() {
            return function.name().toLowerCase(Locale.ROOT) + "(" + field + ")";
        }
    }

    /** Copies the lists. */
    public PushedAggregation {
        keys = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(keys));
        calls = List.copyOf(calls);
    }

    /** Returns the tag keys grouped by. */
    List<String> tagKeys() {
        return keys.stream().filter(k -> k != null).toList();
    }

    @Override
    public String toString() {
        String group = keys.stream().map(k -> k == null ? "time_bucket(" + Duration.ofMillis(bucketMillis) + ")" : k)
                .collect(Collectors.joining(", "));
        return "group=[" + group + "], calls=" + calls;
    }
}
