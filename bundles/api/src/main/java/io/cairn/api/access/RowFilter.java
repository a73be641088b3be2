package io.cairn.api.access;

import io.cairn.api.model.Tags;
import io.cairn.api.store.TagPredicate;
import java.util.List;

/**
 * Which rows a reader may see: a row passes when its tags meet every predicate of at least one
 * alternative. {@link #ALL} (no alternatives) lets every row pass.
 */
public record RowFilter(List<List<TagPredicate>> alternatives) {
    /** The filter that lets every row pass. */
    public static final RowFilter ALL = new RowFilter(List.of());

    /** Copies the alternatives; an empty alternative would let every row pass and is refused. */
    public RowFilter {
        alternatives = alternatives.stream().map(List::copyOf).toList();
        if (alternatives.stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("an alternative of a row filter needs at least one predicate");
        }
    }

    /** Returns a filter of one conjunction of predicates. */
    public static RowFilter of(List<TagPredicate> conjunction) {
        return conjunction.isEmpty() ? ALL : new RowFilter(List.of(conjunction));
    }

    /** Returns whether every row passes. */
    public boolean isAll() {
        return alternatives.isEmpty();
    }

    /** Returns whether a series' tags pass. */
    public boolean matches(Tags tags) {
        if (isAll()) {
            return true;
        }
        for (List<TagPredicate> conjunction : alternatives) {
            if (conjunction.stream().allMatch(p -> tags.get(p.key()) != null && p.values().contains(tags.get(p.key())))) {
                return true;
            }
        }
        return false;
    }
}
