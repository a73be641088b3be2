package io.cairn.store.lmdb.internal;

import io.cairn.api.model.FieldType;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.SeriesBatch;
import java.util.List;

/**
 * A raw scan: the matching series one after another, each in ascending time, block by block,
 * reading chunks lazily within one read transaction that {@link #close()} ends.
 */
final class RawScanCursor implements ScanCursor {
    private final LmdbEnvironment lmdb;
    private final SeriesIndex index;
    private final ReadTxn txn;
    private final long[] seriesIds;
    private final List<String> fields;
    private final List<FieldType> types;
    private final long start;
    private final long end;
    private long remaining;
    private int nextSeries;
    private SeriesRows current;
    private boolean closed;

    RawScanCursor(LmdbEnvironment lmdb, SeriesIndex index, ReadTxn txn, long[] seriesIds, List<String> fields,
            List<FieldType> types, long start, long end, long limit) {
        this.lmdb = lmdb;
        this.index = index;
        this.txn = txn;
        this.seriesIds = seriesIds;
        this.fields = fields;
        this.types = types;
        this.start = start;
        this.end = end;
        this.remaining = limit > 0 ? limit : Long.MAX_VALUE;
    }

    @Override
    public SeriesBatch next() {
        if (closed) {
            return null;
        }
        while (remaining > 0 && !fields.isEmpty()) {
            if (current == null) {
                if (nextSeries == seriesIds.length) {
                    break;
                }
                long id = seriesIds[nextSeries++];
                current = new SeriesRows(lmdb, txn.txn(), id, index.tags(txn.txn(), id),
                        fields, types, start, end);
            }
            SeriesBatch batch = current.next(remaining);
            if (batch != null) {
                remaining -= batch.size();
                return batch;
            }
            current.close();
            current = null;
        }
        close();
        return null;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (current != null) {
                current.close();
                current = null;
            }
        } finally {
            txn.close();
        }
    }
}
