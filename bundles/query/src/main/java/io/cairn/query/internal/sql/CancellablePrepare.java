package io.cairn.query.internal.sql;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.util.CancelFlag;

/** Calcite's preparation with a planner that stops (Calcite's "preparation aborted") once a flag is set. */
final class CancellablePrepare extends CalcitePrepareImpl {
    private final AtomicBoolean cancelled;

    CancellablePrepare(AtomicBoolean cancelled) {
        this.cancelled = cancelled;
    }

    @Override
    protected RelOptPlanner createPlanner(Context prepareContext, org.apache.calcite.plan.Context externalContext,
            RelOptCostFactory costFactory) {
        CancelFlag flag = new CancelFlag(cancelled);
        org.apache.calcite.plan.Context context = externalContext == null ? Contexts.of(prepareContext.config(), flag)
                : Contexts.chain(Contexts.of(flag), externalContext);
        return super.createPlanner(prepareContext, context, costFactory);
    }
}
