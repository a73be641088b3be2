package io.cairn.query.internal.sql;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A scalar function returning a TIMESTAMP, implemented by a static method of {@link TimeFunctions}
 * that works on Calcite's internal values (times and intervals as milliseconds), so that no time
 * zone conversion happens on the way.
 */
final class TimeScalarFunction implements ScalarFunction, ImplementableFunction {
    private final List<SqlTypeName> parameterTypes;
    private final Method method;

    TimeScalarFunction(String methodName, SqlTypeName... parameterTypes) {
        this.parameterTypes = List.of(parameterTypes);
        this.method = find(methodName);
    }

    private static Method find(String name) {
        for (Method m : TimeFunctions.class.getMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no time function " + name);
    }

    @Override
    public List<FunctionParameter> getParameters() {
        return TypedParameters.of(parameterTypes);
    }

    @Override
    public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
        return typeFactory.createSqlType(SqlTypeName.TIMESTAMP, 3);
    }

    @Override
    public CallImplementor getImplementor() {
        Class<?>[] javaTypes = method.getParameterTypes();
        return RexImpTable.createImplementor((translator, call, operands) -> {
            List<Expression> args = new ArrayList<>();
            for (int i = 0; i < operands.size(); i++) {
                args.add(EnumUtils.convert(operands.get(i), javaTypes[i]));
            }
            return Expressions.call(method, args);
        }, parameterTypes.isEmpty() ? NullPolicy.NONE : NullPolicy.STRICT, false);
    }
}
