package io.cairn.query.internal.sql;

import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.FieldPredicate;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.TagPredicate;
import io.cairn.api.store.TimeSeriesStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * Runs a {@link StoreScan} when its statement executes: resolves the parameters of the pushed
 * predicates, sends one {@link ScanRequest} to the store bound to the statement (several windows of it for a
 * pushed ORDER BY with LIMIT) and turns its batches into rows.
 */
public final class ScanExecution {
    private final StatementCatalog catalog;
    private final String database;
    private final String measurement;
    private final List<MeasurementColumn> columns;
    private final ScanSpec spec;

    ScanExecution(StatementCatalog catalog, String database, String measurement, List<MeasurementColumn> columns,
            ScanSpec spec) {
        this.catalog = catalog;
        this.database = database;
        this.measurement = measurement;
        this.columns = columns;
        this.spec = spec;
    }

    /** Returns the rows of the scan in a running statement (called by generated code). */
    public Enumerable<Object[]> enumerable(DataContext root) {
        ScanRequest request = request(catalog.withValues(root));
        if (request == null) {
            return spec.aggregation() != null && spec.aggregation().keys().isEmpty()
                    ? Linq4j.singletonEnumerable(RowReader.emptyAggregate(spec.aggregation()))
                    : Linq4j.emptyEnumerable();
        }
        TimeSeriesStore store = catalog.store();
        if (spec.latestGroups() != null) {
            return new AbstractEnumerable<>() {
                @Override
                public Enumerator<Object[]> enumerator() {
                    return Linq4j.enumerator(spec.latestGroups().rows(store.scan(request),
                            DataContext.Variable.CANCEL_FLAG.get(root)));
                }
            };
        }
        RowReader reader = spec.aggregation() == null ? RowReader.raw(columns, spec) : RowReader.aggregated(spec.aggregation());
        if (spec.order() != ScanSpec.TimeOrder.NONE) {
            boolean newestFirst = spec.order() == ScanSpec.TimeOrder.NEWEST_FIRST;
            AtomicBoolean cancelled = DataContext.Variable.CANCEL_FLAG.get(root);
            return Linq4j.asEnumerable(spec.aggregation() == null
                    ? TopByTime.rows(store, request, reader, spec.limit(), newestFirst, cancelled)
                    : TopBuckets.rows(store, request, reader, spec.aggregation(), spec.limit(), newestFirst, cancelled));
        }
        Enumerable<Object[]> rows = new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                return new StoreRows(store.scan(request), reader, DataContext.Variable.CANCEL_FLAG.get(root));
            }
        };
        if (spec.aggregation() != null && spec.aggregation().keys().isEmpty()) {
            return rows.defaultIfEmpty(RowReader.emptyAggregate(spec.aggregation()));
        }
        return rows;
    }

    /** Returns the values of a scan of one column, as Calcite expects rows of one column (called by generated code). */
    public Enumerable<Object> values(DataContext root) {
        return enumerable(root).select(row -> row[0]);
    }

    /** Returns the store request, or null when the resolved predicates cannot match anything. */
    ScanRequest request(DataContext root) {
        long start = Long.MIN_VALUE;
        long end = Long.MAX_VALUE;
        for (TimeBound b : spec.bounds()) {
            long nanos = b.nanos(root);
            if (b.lower()) {
                start = Math.max(start, nanos);
            } else {
                end = Math.min(end, nanos);
            }
        }
        if (start >= end) {
            return null;
        }
        List<TagPredicate> predicates = new ArrayList<>();
        for (TagFilter f : spec.tags()) {
            Set<String> values = f.resolve(root);
            if (values.isEmpty()) {
                return null;
            }
            predicates.add(new TagPredicate(f.key(), values));
        }
        List<FieldPredicate> conditions = new ArrayList<>();
        for (FieldFilter f : spec.fieldFilters()) {
            FieldPredicate p = f.resolve(root);
            if (p == null) {
                return null;
            }
            conditions.add(p);
        }
        PushedAggregation a = spec.aggregation();
        if (a != null) {
            List<String> fields = new ArrayList<>();
            List<AggregateFunction> functions = new ArrayList<>();
            for (PushedAggregation.Call c : a.calls()) {
                addOnce(fields, c.field());
                addOnce(functions, c.function());
            }
            Aggregation aggregation = new Aggregation(a.bucketMillis() * 1_000_000L, a.tagKeys(), functions);
            return new ScanRequest(database, measurement, start, end, predicates, fields, aggregation, 0, conditions, 0);
        }
        return new ScanRequest(database, measurement, start, end, predicates, projectedFields(), null, spec.limit(),
                conditions, spec.latest());
    }

    /**
     * The projected fields and those filtered on (a row meeting the filters is a row even without the projected
     * fields, as it was when the filter ran above the scan); none projected (only time or tags) reads all, so that
     * rows stay rows.
     */
    private List<String> projectedFields() {
        List<String> fields = new ArrayList<>();
        if (spec.projection() != null) {
            for (int c : spec.projection()) {
                MeasurementColumn column = columns.get(c);
                if (column.kind() == ColumnKind.FIELD) {
                    addOnce(fields, column.name());
                }
            }
            spec.fieldFilters().forEach(f -> addOnce(fields, f.field()));
        } else if (spec.latestGroups() != null) {
            // all fields, named: the store hands back these very names, found again at a glance in every batch
            for (MeasurementColumn column : columns) {
                if (column.kind() == ColumnKind.FIELD) {
                    fields.add(column.name());
                }
            }
        }
        return fields;
    }

    private static <T> void addOnce(List<T> list, T value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }
}
