package io.cairn.query.internal.sql;

import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.type.SqlTypeName;

/** Registers Cairn's time-series functions in a root schema, where every query finds them. */
final class CairnFunctions {
    private CairnFunctions() {
    }

    static void addTo(SchemaPlus root) {
        root.add(TimeFunctions.TIME_BUCKET, new TimeScalarFunction("timeBucket", SqlTypeName.VARCHAR, SqlTypeName.TIMESTAMP));
        root.add(TimeFunctions.TIME_BUCKET,
                new TimeScalarFunction("timeBucketInterval", SqlTypeName.INTERVAL_DAY_SECOND, SqlTypeName.TIMESTAMP));
        root.add("date_trunc", new TimeScalarFunction("dateTrunc", SqlTypeName.VARCHAR, SqlTypeName.TIMESTAMP));
        root.add("now", new TimeScalarFunction("now"));
        TypedAggregateFunction.byFieldType(FirstAggregate.class).forEach(f -> root.add("first", f));
        TypedAggregateFunction.byFieldType(LastAggregate.class).forEach(f -> root.add("last", f));
        root.add("rate", new TypedAggregateFunction(RateAggregate.class, SqlTypeName.DOUBLE, SqlTypeName.TIMESTAMP));
        root.add("approx_percentile",
                new TypedAggregateFunction(ApproxPercentileAggregate.class, SqlTypeName.DOUBLE, SqlTypeName.DOUBLE));
    }
}
