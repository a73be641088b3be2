package io.cairn.query.internal.sql;

import java.util.List;
import org.apache.calcite.adapter.enumerable.AggImplementor;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableAggFunction;
import org.apache.calcite.schema.impl.AggregateFunctionImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A user-defined aggregate (a class with init/add/result) whose SQL parameter types are declared
 * here; its {@code add} takes Objects, so that it accepts Calcite's internal values (a TIMESTAMP
 * arrives as milliseconds, a BIGINT as a Long).
 */
final class TypedAggregateFunction implements ImplementableAggFunction {
    private final AggregateFunctionImpl implementation;
    private final List<SqlTypeName> parameterTypes;

    TypedAggregateFunction(Class<?> implementation, SqlTypeName... parameterTypes) {
        this.implementation = AggregateFunctionImpl.create(implementation);
        this.parameterTypes = List.of(parameterTypes);
    }

    @Override
    public List<FunctionParameter> getParameters() {
        return TypedParameters.of(parameterTypes);
    }

    @Override
    public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
        return implementation.getReturnType(typeFactory);
    }

    @Override
    public AggImplementor getImplementor(boolean windowContext) {
        return implementation.getImplementor(windowContext);
    }
}
