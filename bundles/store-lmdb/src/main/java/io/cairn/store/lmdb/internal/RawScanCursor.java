package io.cairn.store.lmdb.internal;

import io.cairn.api.model.Tags;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.SeriesBatch;
import java.util.function.Supplier;

/**
 * A raw scan: the matching series one after another, each in ascending time, block by block, reading chunks
 * lazily within one read transaction that {@link #close()} ends. With a positive {@code latest}, each series
 * yields one batch of its latest rows, read from the end of the range backwards; the latest row alone (n = 1, no
 * field predicates) comes from the {@link LatestPointCache} when it can.
 */
final class RawScanCursor implements ScanCursor {
    private final LmdbEnvironment lmdb;
    private final SeriesIndex index;
    private final ReadTxn txn;
    private final long[] seriesIds;
    private final ScanFields fields;
    private final long start;
    private final long end;
    private final int latest;
    private final LatestPointCache latestRows;
    private final long generation;
    private final ScanBuffers buffers = new ScanBuffers();
    private long remaining;
    private int nextSeries;
    private SeriesRows current;
    private boolean closed;

    RawScanCursor(LmdbEnvironment lmdb, SeriesIndex index, ReadTxn txn, long[] seriesIds, ScanFields fields,
            long start, long end, long limit, int latest, LatestPointCache latestRows, long generation) {
        this.lmdb = lmdb;
        this.index = index;
        this.txn = txn;
        this.seriesIds = seriesIds;
        this.fields = fields;
        this.start = start;
        this.end = end;
        this.latest = latest;
        this.latestRows = latestRows;
        this.generation = generation;
        this.remaining = limit > 0 ? limit : Long.MAX_VALUE;
    }

    @Override
    public SeriesBatch next() {
        if (closed) {
            return null;
        }
        while (remaining > 0 && fields.outputs() > 0 && !fields.impossible()) {
            SeriesBatch batch = latest > 0 ? nextLatest() : nextRows();
            if (batch == null) {
                break;
            }
            remaining -= batch.size();
            return batch;
        }
        close();
        return null;
    }

    /** Returns the latest rows of the next series that has any, or null after the last. */
    private SeriesBatch nextLatest() {
        while (nextSeries < seriesIds.length) {
            long id = seriesIds[nextSeries++];
            Tags tags = index.tags(txn.txn(), id);
            Supplier<SeriesBatch> walk = () -> LatestRows.read(lmdb, txn.txn(), id, tags, fields, start, end, latest,
                    remaining, buffers);
            SeriesBatch batch = latest == 1 && fields.filter() == null
                    ? latestRows.latest(lmdb, txn.txn(), generation, id, tags, fields, start, end, walk)
                    : walk.get();
            if (batch != null) {
                return batch;
            }
        }
        return null;
    }

    private SeriesBatch nextRows() {
        while (true) {
            if (current == null) {
                if (nextSeries == seriesIds.length) {
                    return null;
                }
                long id = seriesIds[nextSeries++];
                current = new SeriesRows(lmdb, txn.txn(), id, index.tags(txn.txn(), id), fields, start, end, buffers);
            }
            SeriesBatch batch = current.next(remaining);
            if (batch != null) {
                return batch;
            }
            current.close();
            current = null;
        }
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
