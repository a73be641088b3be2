package io.cairn.query.internal.sql;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type rules with one change users of InfluxDB, QuestDB and ClickHouse expect: the mean of integers
 * is a DOUBLE ({@code avg} of 5, 6, 6 is 5.67), not an integer truncated like its arguments.
 */
public final class CairnTypeSystem extends RelDataTypeSystemImpl {
    /** The instance Calcite's {@code typeSystem} connection property names. */
    public static final CairnTypeSystem INSTANCE = new CairnTypeSystem();

    @Override
    public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        if (!SqlTypeName.INT_TYPES.contains(argumentType.getSqlTypeName())) {
            return super.deriveAvgAggType(typeFactory, argumentType);
        }
        return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.DOUBLE),
                argumentType.isNullable());
    }
}
