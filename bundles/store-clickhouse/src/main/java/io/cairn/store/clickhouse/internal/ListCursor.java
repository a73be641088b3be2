package io.cairn.store.clickhouse.internal;

import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.SeriesBatch;
import java.util.Iterator;
import java.util.List;

/** A cursor over batches already computed, such as an aggregation's result. */
final class ListCursor implements ScanCursor {
    private Iterator<SeriesBatch> batches;

    ListCursor(List<SeriesBatch> batches) {
        this.batches = batches.iterator();
    }

    @Override
    public SeriesBatch next() {
        return batches != null && batches.hasNext() ? batches.next() : null;
    }

    @Override
    public void close() {
        batches = null;
    }
}
