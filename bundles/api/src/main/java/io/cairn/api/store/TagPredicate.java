package io.cairn.api.store;

import java.util.Set;

/**
 * A tag condition of a scan: the series' value of {@code key} is one of {@code values}
 * (one value is equality, several are IN).
 */
public record TagPredicate(String key, Set<String> values) {
    /** Copies the values and checks that there is at least one. */
    public TagPredicate {
        values = Set.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a tag predicate needs at least one value");
        }
    }
}
