package io.cairn.query.internal.sql;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.SeriesBatch;
import java.util.List;

/** Turns one row of a store batch into a SQL row in Calcite's internal representation. */
abstract class RowReader {
    private static final long NANOS_PER_MILLI = 1_000_000L;

    /** Returns the SQL row of row {@code r} of a batch. */
    abstract Object[] read(SeriesBatch batch, int r);

    static RowReader raw(List<MeasurementColumn> columns, ScanSpec spec) {
        int n = spec.projection() == null ? columns.size() : spec.projection().size();
        MeasurementColumn[] out = new MeasurementColumn[n];
        for (int i = 0; i < n; i++) {
            out[i] = columns.get(spec.tableColumn(i));
        }
        String[] fieldNames = new String[n];
        for (int i = 0; i < n; i++) {
            fieldNames[i] = out[i].kind() == ColumnKind.FIELD ? out[i].name() : null;
        }
        BatchColumns finder = new BatchColumns(fieldNames);
        return new RowReader() {
            private SeriesBatch resolved;
            private final Object[] tags = new Object[out.length];
            private final FieldColumn[] fields = new FieldColumn[out.length];

            @Override
            Object[] read(SeriesBatch batch, int r) {
                if (batch != resolved) {
                    resolve(batch);
                }
                Object[] row = new Object[out.length];
                for (int i = 0; i < out.length; i++) {
                    row[i] = switch (out[i].kind()) {
                        case TIME -> millis(batch.times()[r]);
                        case TAG -> tags[i];
                        case FIELD -> fields[i] == null ? null : fields[i].valueAt(r);
                    };
                }
                return row;
            }

            private void resolve(SeriesBatch batch) {
                for (int i = 0; i < out.length; i++) {
                    MeasurementColumn c = out[i];
                    tags[i] = c.kind() == ColumnKind.TAG ? batch.tags().get(c.name()) : null;
                }
                finder.find(batch, fields);
                resolved = batch;
            }
        };
    }

    static RowReader aggregated(PushedAggregation a) {
        String[] names = new String[a.calls().size()];
        for (int i = 0; i < names.length; i++) {
            PushedAggregation.Call c = a.calls().get(i);
            names[i] = Aggregation.columnName(c.function(), c.field());
        }
        int keys = a.keys().size();
        BatchColumns finder = new BatchColumns(names);
        return new RowReader() {
            private SeriesBatch resolved;
            private final FieldColumn[] columns = new FieldColumn[names.length];

            @Override
            Object[] read(SeriesBatch batch, int r) {
                if (batch != resolved) {
                    finder.find(batch, columns);
                    resolved = batch;
                }
                Object[] row = new Object[keys + names.length];
                for (int k = 0; k < keys; k++) {
                    String key = a.keys().get(k);
                    row[k] = key == null ? millis(batch.times()[r]) : batch.tags().get(key);
                }
                for (int i = 0; i < names.length; i++) {
                    FieldColumn values = columns[i];
                    row[keys + i] = values == null || !values.isPresent(r) ? null
                            : value(a.calls().get(i), values.doubleAt(r));
                }
                return row;
            }
        };
    }

    /** The one row of an aggregation without group keys over no data: counts are 0, the rest null. */
    static Object[] emptyAggregate(PushedAggregation a) {
        Object[] row = new Object[a.calls().size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = a.calls().get(i).function() == AggregateFunction.COUNT ? (Object) 0L : null;
        }
        return row;
    }

    private static Object value(PushedAggregation.Call call, double v) {
        if (!call.integral()) {
            return v;
        }
        return call.function() == AggregateFunction.SUM ? Math.round(v) : (long) v;
    }

    static Long millis(long nanos) {
        return Math.floorDiv(nanos, NANOS_PER_MILLI);
    }
}
