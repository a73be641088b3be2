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
    private static final List<SqlTypeName> FIELD_TYPES =
            List.of(SqlTypeName.DOUBLE, SqlTypeName.BIGINT, SqlTypeName.BOOLEAN, SqlTypeName.VARCHAR);

    private final AggregateFunctionImpl implementation;
    private final List<SqlTypeName> parameterTypes;
    private final SqlTypeName returnType;

    /** A function answering the type its implementation's {@code result} method declares. */
    TypedAggregateFunction(Class<?> implementation, SqlTypeName... parameterTypes) {
        this(implementation, null, List.of(parameterTypes));
    }

    /** A function answering {@code returnType} (nullable) from a {@code result} method answering an Object. */
    private TypedAggregateFunction(Class<?> implementation, SqlTypeName returnType, List<SqlTypeName> parameterTypes) {
        this.implementation = AggregateFunctionImpl.create(implementation);
        this.parameterTypes = parameterTypes;
        this.returnType = returnType;
    }

    /** {@code name(value, time)} for a value of each field type, answering the type of the value. */
    static List<TypedAggregateFunction> byFieldType(Class<?> implementation) {
        return FIELD_TYPES.stream()
                .map(t -> new TypedAggregateFunction(implementation, t, List.of(t, SqlTypeName.TIMESTAMP)))
                .toList();
    }

    @Override
    public List<FunctionParameter> getParameters() {
        return TypedParameters.of(parameterTypes);
    }

    @Override
    public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
        if (returnType != null) {
            return typeFactory.createTypeWithNullability(TypedParameters.sqlType(typeFactory, returnType), true);
        }
        return implementation.getReturnType(typeFactory);
    }

    @Override
    public AggImplementor getImplementor(boolean windowContext) {
        return implementation.getImplementor(windowContext);
    }
}
