package io.cairn.query.internal.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/** Declares the SQL parameter types of a Cairn function, which its Java signature cannot say. */
final class TypedParameters {
    private TypedParameters() {
    }

    static List<FunctionParameter> of(List<SqlTypeName> types) {
        List<FunctionParameter> out = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            int ordinal = i;
            SqlTypeName type = types.get(i);
            out.add(new FunctionParameter() {
                @Override
                public int getOrdinal() {
                    return ordinal;
                }

                @Override
                public String getName() {
                    return "arg" + ordinal;
                }

                @Override
                public RelDataType getType(RelDataTypeFactory typeFactory) {
                    return sqlType(typeFactory, type);
                }

                @Override
                public boolean isOptional() {
                    return false;
                }
            });
        }
        return out;
    }

    static RelDataType sqlType(RelDataTypeFactory typeFactory, SqlTypeName type) {
        return switch (type) {
            case INTERVAL_DAY_SECOND -> typeFactory.createSqlIntervalType(
                    new SqlIntervalQualifier(TimeUnit.DAY, TimeUnit.SECOND, SqlParserPos.ZERO));
            case TIMESTAMP -> typeFactory.createSqlType(SqlTypeName.TIMESTAMP, 3);
            default -> typeFactory.createSqlType(type);
        };
    }
}
