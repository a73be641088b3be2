package io.cairn.store.clickhouse.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.SeriesBatch;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the rows of an aggregation query (group tag values, bucket, field, then one value per
 * {@link AggregateFunction} in its order: count to avg, and p50 to increase when asked) into one batch per group, groups sorted by tags and buckets ascending, with a FLOAT column
 * per function and field; values other than counts exist only for numeric fields with values.
 */
final class AggregateResult {
    private static final int COUNT = 0;

    private AggregateResult() {
    }

    static List<SeriesBatch> batches(List<String[]> rows, List<String> groupKeys, Map<String, FieldType> fields,
            Aggregation aggregation) {
        List<String> names = new ArrayList<>(fields.keySet());
        Map<String, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            indexOf.put(names.get(i), i);
        }
        Map<Tags, TreeMap<Long, double[][]>> groups = new TreeMap<>();
        int g = groupKeys.size();
        for (String[] row : rows) {
            String[] pairs = new String[2 * g];
            int n = 0;
            for (int k = 0; k < g; k++) {
                if (!row[k].isEmpty()) {
                    pairs[n++] = groupKeys.get(k);
                    pairs[n++] = row[k];
                }
            }
            Tags tags = Tags.of(java.util.Arrays.copyOf(pairs, n));
            long bucket = Long.parseLong(row[g]);
            Integer field = indexOf.get(row[g + 1]);
            if (field == null) {
                continue;
            }
            double[] values = new double[row.length - g - 2];
            for (int v = 0; v < values.length; v++) {
                values[v] = Numbers.parseDouble(row[g + 2 + v]);
            }
            groups.computeIfAbsent(tags, t -> new TreeMap<>())
                    .computeIfAbsent(bucket, b -> new double[names.size()][])[field] = values;
        }
        List<SeriesBatch> out = new ArrayList<>(groups.size());
        for (Map.Entry<Tags, TreeMap<Long, double[][]>> group : groups.entrySet()) {
            List<double[][]> buckets = new ArrayList<>(group.getValue().values());
            long[] times = group.getValue().keySet().stream().mapToLong(Long::longValue).toArray();
            List<FieldColumn> columns = new ArrayList<>();
            for (AggregateFunction function : aggregation.functions()) {
                for (int f = 0; f < names.size(); f++) {
                    columns.add(column(function, names.get(f), fields.get(names.get(f)).isNumeric(), f, buckets));
                }
            }
            out.add(new SeriesBatch(group.getKey(), times.length, times, columns));
        }
        return out;
    }

    private static FieldColumn column(AggregateFunction function, String name, boolean numeric, int field,
            List<double[][]> buckets) {
        int size = buckets.size();
        double[] values = new double[size];
        BitSet present = new BitSet(size);
        for (int r = 0; r < size; r++) {
            double[] v = buckets.get(r)[field];
            double count = v == null ? 0 : v[COUNT];
            if (function == AggregateFunction.COUNT) {
                values[r] = count;
                present.set(r);
            } else if (count > 0 && numeric) {
                values[r] = v[function.ordinal()];
                present.set(r);
            }
        }
        FieldColumn column = FieldColumn.ofDoubles(Aggregation.columnName(function, name), values, size);
        return present.cardinality() == size ? column : column.withPresence(present);
    }
}
