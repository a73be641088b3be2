package io.cairn.query.internal.sql;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;

/** Makes a logical {@link StoreScan}, with whatever was pushed into it, an executable one. */
final class StoreScanToEnumerableRule extends ConverterRule {
    static final StoreScanToEnumerableRule INSTANCE = Config.INSTANCE
            .withConversion(StoreScan.class, Convention.NONE, EnumerableConvention.INSTANCE, "StoreScanToEnumerableRule")
            .withRuleFactory(StoreScanToEnumerableRule::new)
            .toRule(StoreScanToEnumerableRule.class);

    private StoreScanToEnumerableRule(Config config) {
        super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
        return rel.copy(rel.getTraitSet().replace(EnumerableConvention.INSTANCE), rel.getInputs());
    }
}
