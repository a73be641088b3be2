package io.cairn.query.internal;

import io.cairn.api.store.StoreCapability;
import io.cairn.api.store.TimeSeriesStore;
import io.cairn.query.internal.sql.ExactTableScan;
import io.cairn.query.internal.sql.MeasurementColumn;
import io.cairn.query.internal.sql.MeasurementTable;
import io.cairn.query.internal.sql.RelationalStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlNameMatchers;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.tools.RelBuilder;

/**
 * A dashboard aggregate (avg, sum, count, min or max, by tags and an epoch-aligned interval) as relational
 * algebra over the measurement's table: scan, filter on time and tags, project the bucket, the tags and the
 * field, aggregate the function and the count. Times and tag values are parameters ({@link #values()}), so one
 * plan serves every range and value; the statement is built from the catalog's names, never from SQL text.
 */
final class DashboardRelation implements RelationalStatement {
    private static final long NANOS_PER_MILLI = 1_000_000L;
    /**
     * The most filter values planned on the SQL layer: each value is a parameter of the plan (its key counts
     * them), and planning hundreds costs far more than the store engine's whole answer.
     */
    static final int MAX_PLANNED_FILTER_VALUES = 64;

    private final DashboardQuery query;
    private final TreeMap<String, TreeSet<String>> filters = new TreeMap<>();

    private DashboardRelation(DashboardQuery query) {
        this.query = query;
        query.filters().forEach((key, values) -> filters.put(key, new TreeSet<>(values)));
    }

    /**
     * Returns the relational form of a query, or empty when it has none yet: a raw range, a rate, percentiles
     * and integrals, a store that cannot aggregate with time range and tag filters, a name that is not a column
     * of the kind needed, times and an interval that are not whole milliseconds (SQL's TIMESTAMP(3)), or more
     * than {@value #MAX_PLANNED_FILTER_VALUES} filter values.
     */
    static Optional<DashboardRelation> of(DashboardQuery q, TimeSeriesStore store) {
        if (q.type() != QueryType.AGGREGATE || !q.aggregation().storeFunction().isBasic()
                || q.aggregation().percentile() > 0 || q.aggregation().needsSeriesOrder()
                || q.startNanos() % NANOS_PER_MILLI != 0 || q.endNanos() % NANOS_PER_MILLI != 0
                || q.intervalNanos() % NANOS_PER_MILLI != 0
                || q.filters().values().stream().mapToInt(Set::size).sum() > MAX_PLANNED_FILTER_VALUES) {
            return Optional.empty();
        }
        Set<StoreCapability> caps = store.capabilities();
        if (!caps.contains(StoreCapability.AGGREGATION) || !caps.contains(StoreCapability.TIME_RANGE)
                || !q.filters().isEmpty() && !caps.contains(StoreCapability.TAG_FILTER)) {
            return Optional.empty();
        }
        Map<String, MeasurementColumn> columns = new TreeMap<>();
        for (MeasurementColumn c : MeasurementTable.columnsOf(store, q.database(), q.metric())) {
            columns.put(c.name(), c);
        }
        MeasurementColumn field = columns.get(q.field());
        if (field == null || field.fieldType() == null || !field.fieldType().isNumeric()
                || !allTags(columns, q.groupBy()) || !allTags(columns, q.filters().keySet())) {
            return Optional.empty();
        }
        return Optional.of(new DashboardRelation(q));
    }

    private static boolean allTags(Map<String, MeasurementColumn> columns, Iterable<String> names) {
        for (String name : names) {
            MeasurementColumn c = columns.get(name);
            if (c == null || c.fieldType() != null || MeasurementColumn.TIME.equals(name)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the values of the parameters: start and end in milliseconds, then each filter's values, the last
     * repeated up to the filter's {@linkplain #slots slots}.
     */
    List<Object> values() {
        List<Object> values = new ArrayList<>();
        values.add(query.startNanos() / NANOS_PER_MILLI);
        values.add(query.endNanos() / NANOS_PER_MILLI);
        for (TreeSet<String> allowed : filters.values()) {
            values.addAll(allowed);
            for (int i = allowed.size(); i < slots(allowed.size()); i++) {
                values.add(allowed.last());
            }
        }
        return values;
    }

    /**
     * Returns the group-by keys the plan groups by, in order: those without a filter of one value (the planner
     * would take such a key out of the aggregation as a constant parameter, which only the scan can read).
     */
    List<String> groupedKeys() {
        return query.groupBy().stream().filter(key -> fixedValue(key) == null).toList();
    }

    /** Returns the one value a filter allows for a tag key, or null. */
    String fixedValue(String key) {
        TreeSet<String> values = filters.get(key);
        return values != null && values.size() == 1 ? values.first() : null;
    }

    /** Returns whether rows start with the bucket time. */
    boolean bucketed() {
        return query.intervalNanos() > 0;
    }

    @Override
    public String planKey() {
        StringBuilder key = new StringBuilder("dashboard");
        appendPart(key, query.metric());
        appendPart(key, query.field());
        appendPart(key, query.aggregation().name());
        appendPart(key, Long.toString(query.intervalNanos()));
        appendPart(key, Integer.toString(query.groupBy().size()));
        query.groupBy().forEach(k -> appendPart(key, k));
        appendPart(key, Integer.toString(filters.size()));
        filters.forEach((k, values) -> {
            appendPart(key, k);
            appendPart(key, Integer.toString(slots(values.size())));
        });
        return key.toString();
    }

    /**
     * Returns how many parameters a filter of {@code n} values takes: the next power of two, so that filters of
     * 5 to 8 values share one plan (a repeated value changes nothing).
     */
    static int slots(int n) {
        return n <= 1 ? n : Integer.highestOneBit(n - 1) << 1;
    }

    /** Appends a part with its length first, so that no two lists of parts give the same key. */
    private static void appendPart(StringBuilder key, String part) {
        key.append(' ').append(part.length()).append(':').append(part);
    }

    @Override
    public RelNode build(RelBuilder b, SqlOperatorTable functions) {
        RexBuilder rex = b.getRexBuilder();
        RelDataType time = b.getTypeFactory().createSqlType(SqlTypeName.TIMESTAMP, 3);
        RelDataType text = b.getTypeFactory().createSqlType(SqlTypeName.VARCHAR);
        ExactTableScan.push(b, query.database(), query.metric());
        List<RexNode> conditions = new ArrayList<>();
        conditions.add(b.greaterThanOrEqual(b.field(MeasurementColumn.TIME), rex.makeDynamicParam(time, 0)));
        conditions.add(b.lessThan(b.field(MeasurementColumn.TIME), rex.makeDynamicParam(time, 1)));
        int param = 2;
        for (Map.Entry<String, TreeSet<String>> filter : filters.entrySet()) {
            List<RexNode> anyOf = new ArrayList<>();
            for (int i = 0; i < slots(filter.getValue().size()); i++) {
                anyOf.add(b.equals(b.field(filter.getKey()), rex.makeDynamicParam(text, param++)));
            }
            conditions.add(b.or(anyOf));
        }
        b.filter(conditions);
        List<RexNode> projected = new ArrayList<>();
        if (bucketed()) {
            projected.add(b.call(timeBucket(functions, b.getTypeFactory()), b.literal(query.intervalNanos() / NANOS_PER_MILLI + "ms"),
                    b.field(MeasurementColumn.TIME)));
        }
        for (String key : groupedKeys()) {
            projected.add(b.field(key));
        }
        projected.add(b.field(query.field()));
        b.project(projected);
        int keys = projected.size() - 1;
        List<RexNode> groupKeys = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            groupKeys.add(b.field(i));
        }
        RexNode value = b.field(keys);
        RelBuilder.AggCall function = switch (query.aggregation()) {
            case AVG -> b.aggregateCall(SqlStdOperatorTable.AVG, value);
            case SUM -> b.aggregateCall(SqlStdOperatorTable.SUM, value);
            case MIN -> b.aggregateCall(SqlStdOperatorTable.MIN, value);
            case MAX -> b.aggregateCall(SqlStdOperatorTable.MAX, value);
            default -> b.count(false, null, value);
        };
        return b.aggregate(b.groupKey(groupKeys), function, b.count(false, "n", value)).build();
    }

    private static SqlOperator timeBucket(SqlOperatorTable functions, RelDataTypeFactory types) {
        List<SqlOperator> found = new ArrayList<>();
        functions.lookupOperatorOverloads(new SqlIdentifier("time_bucket", SqlParserPos.ZERO),
                SqlFunctionCategory.USER_DEFINED_FUNCTION, SqlSyntax.FUNCTION, found, SqlNameMatchers.liberal());
        for (SqlOperator op : found) {
            if (op instanceof SqlUserDefinedFunction f
                    && f.getFunction().getParameters().get(0).getType(types).getSqlTypeName() == SqlTypeName.VARCHAR) {
                return op;
            }
        }
        throw new IllegalStateException("time_bucket is not registered");
    }
}
