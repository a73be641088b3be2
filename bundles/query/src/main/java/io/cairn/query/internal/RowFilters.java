package io.cairn.query.internal;

import io.cairn.api.access.RowFilter;
import io.cairn.api.model.Tags;
import io.cairn.api.store.TagPredicate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** How a row filter meets a scan: which series pass, and a request's tag predicates narrowed by a conjunction. */
final class RowFilters {
    private RowFilters() {
    }

    /** Returns whether a series passes a filter; a series without a key a predicate names does not pass it. */
    static boolean matches(RowFilter filter, Tags tags) {
        if (filter.isAll()) {
            return true;
        }
        for (List<TagPredicate> conjunction : filter.alternatives()) {
            if (conjunction.stream().allMatch(p -> meets(p, tags))) {
                return true;
            }
        }
        return false;
    }

    private static boolean meets(TagPredicate p, Tags tags) {
        String value = tags.get(p.key());
        return value != null && p.values().contains(value);
    }

    /**
     * Returns a request's predicates with a conjunction ANDed in: predicates on the same key become one whose
     * values are the intersection. Returns null when an intersection is empty: no series can pass.
     */
    static List<TagPredicate> and(List<TagPredicate> predicates, List<TagPredicate> conjunction) {
        Map<String, Set<String>> byKey = new LinkedHashMap<>();
        List<TagPredicate> all = new ArrayList<>(predicates);
        all.addAll(conjunction);
        for (TagPredicate p : all) {
            Set<String> known = byKey.get(p.key());
            if (known == null) {
                byKey.put(p.key(), new HashSet<>(p.values()));
            } else {
                known.retainAll(p.values());
                if (known.isEmpty()) {
                    return null;
                }
            }
        }
        List<TagPredicate> out = new ArrayList<>(byKey.size());
        byKey.forEach((key, values) -> out.add(new TagPredicate(key, values)));
        return out;
    }
}
