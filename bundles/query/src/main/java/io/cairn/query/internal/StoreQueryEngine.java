package io.cairn.query.internal;

import io.cairn.api.model.FieldType;
import io.cairn.api.store.StoreCapability;
import io.cairn.api.store.TimeSeriesStore;
import java.util.List;
import java.util.Set;

/**
 * Executes dashboard queries straight on the store SPI: avg, sum, count, min and max are pushed
 * down when the store aggregates (and honours time ranges and tag filters) itself; everything else
 * is computed from a raw scan by {@link RawAggregator}. A metric or field the store does not know
 * gives empty results.
 */
final class StoreQueryEngine implements QueryEngine {
    private final TimeSeriesStore store;
    private final QueryLimits limits;

    StoreQueryEngine(TimeSeriesStore store, QueryLimits limits) {
        this.store = store;
        this.limits = limits;
    }

    @Override
    public QueryResult execute(DashboardQuery q, Deadline deadline) {
        FieldType type = store.fields(q.database(), q.metric()).get(q.field());
        if (type == null) {
            return empty(q);
        }
        if (q.type() != QueryType.RANGE && !type.isNumeric()) {
            throw QueryException.invalid("field", "field '" + q.field() + "' holds " + type
                    + " values, which cannot be aggregated");
        }
        if (q.type() == QueryType.RANGE) {
            RangeCollector rows = new RangeCollector(Math.min(q.limit(), limits.maxPoints()));
            RawPointScan.run(store, q, deadline, rows);
            return rows.result();
        }
        GroupTable table = new GroupTable(limits.maxGroups(), limits.maxPoints());
        if (canPushDown(q)) {
            PushedDownAggregation.run(store, q, deadline, table);
        } else {
            RawPointScan.run(store, q, deadline, new RawAggregator(q, table));
        }
        return table.toResult(q);
    }

    /** Returns whether the store computes this query's aggregation itself. */
    boolean canPushDown(DashboardQuery q) {
        Set<StoreCapability> caps = store.capabilities();
        return caps.contains(q.aggregation().storeFunction().isBasic()
                        ? StoreCapability.AGGREGATION : StoreCapability.ADVANCED_AGGREGATION)
                && caps.contains(StoreCapability.TIME_RANGE)
                && (q.filters().isEmpty() || caps.contains(StoreCapability.TAG_FILTER));
    }

    private static QueryResult empty(DashboardQuery q) {
        if (q.type() == QueryType.RANGE) {
            return new QueryResult.RangeRows(List.of(), null);
        }
        return q.bucketed() ? new QueryResult.GroupSeriesList(List.of(), null) : new QueryResult.GroupValues(List.of(), null);
    }
}
