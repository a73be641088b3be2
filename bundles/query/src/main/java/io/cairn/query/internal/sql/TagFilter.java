package io.cairn.query.internal.sql;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.DataContext;

/**
 * A tag condition pushed into the scan: the tag equals one of the values.
 *
 * @param key the tag key
 * @param values the accepted values, literals or parameters
 */
public record TagFilter(String key, List<Operand> values) {
    /** Copies the list. */
    public TagFilter {
        values = List.copyOf(values);
    }

    /** Returns the accepted values in a running statement; a null parameter accepts nothing. */
    Set<String> resolve(DataContext root) {
        Set<String> out = new LinkedHashSet<>();
        for (Operand o : values) {
            Object v = o.resolve(root);
            if (v != null) {
                out.add(v.toString());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        if (values.size() == 1) {
            return key + " = " + values.get(0);
        }
        return key + " IN (" + values.stream().map(Operand::toString).collect(Collectors.joining(", ")) + ")";
    }
}
