package io.cairn.store.parquet.internal;

import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.SeriesBatch;

/**
 * A raw scan: partition after partition in ascending hour, within each the matching series in
 * tag order, each in ascending time. A series that spans several hours comes in one batch (or
 * more) per hour. Stops after the limit.
 */
final class RawScanCursor implements ScanCursor {
    private static final int BATCH_ROWS = 4096;

    private final ScanSnapshot snapshot;
    private final FileReaper reaper;
    private final Slots slots;
    private final RowFilter filter;
    private final SeriesBatchBuilder builder;
    private long remaining;
    private int nextPart;
    private PartitionMerge merge;
    private Row held;
    private boolean closed;

    RawScanCursor(ScanSnapshot snapshot, FileReaper reaper, Slots slots, RowFilter filter, long limit) {
        this.snapshot = snapshot;
        this.reaper = reaper;
        this.slots = slots;
        this.filter = filter;
        this.builder = new SeriesBatchBuilder(slots, BATCH_ROWS);
        this.remaining = limit > 0 ? limit : Long.MAX_VALUE;
    }

    @Override
    public SeriesBatch next() {
        if (closed) {
            return null;
        }
        try {
            SeriesBatch batch = BundleLoader.call(this::fill);
            if (batch == null) {
                close();
            }
            return batch;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private SeriesBatch fill() {
        while (remaining > 0 && slots.size() > 0) {
            if (merge == null) {
                if (nextPart == snapshot.parts().size()) {
                    break;
                }
                ScanSnapshot.Part part = snapshot.parts().get(nextPart++);
                merge = PartitionMerge.open(part.dir(), part.files(), slots, filter);
            }
            Row row = held != null ? held : merge.next();
            held = null;
            if (row == null) {
                merge.close();
                merge = null;
                if (!builder.isEmpty()) {
                    return builder.take();
                }
                continue;
            }
            if (!MutableRow.hasAny(row, slots.size())) {
                continue;
            }
            if (!builder.accepts(row.tags())) {
                held = row;
                return builder.take();
            }
            builder.add(row);
            if (--remaining == 0) {
                return builder.take();
            }
        }
        return builder.isEmpty() ? null : builder.take();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (merge != null) {
            merge.close();
            merge = null;
        }
        reaper.release(snapshot.token());
    }
}
