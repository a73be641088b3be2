package io.cairn.query.internal.sql;

import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.SeriesBatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.linq4j.Enumerator;

/** Walks the batches of a store cursor row by row; stops with an error once the statement is cancelled. */
final class StoreRows implements Enumerator<Object[]> {
    private final ScanCursor cursor;
    private final RowReader reader;
    private final AtomicBoolean cancelled;
    private SeriesBatch batch;
    private int row = -1;
    private Object[] current;
    private boolean closed;

    StoreRows(ScanCursor cursor, RowReader reader, AtomicBoolean cancelled) {
        this.cursor = cursor;
        this.reader = reader;
        this.cancelled = cancelled;
    }

    @Override
    public Object[] current() {
        return current;
    }

    @Override
    public boolean moveNext() {
        if (closed) {
            return false;
        }
        checkCancelled();
        while (batch == null || ++row >= batch.size()) {
            batch = cursor.next();
            row = -1;
            if (batch == null) {
                close();
                return false;
            }
        }
        current = reader.read(batch, row);
        return true;
    }

    private void checkCancelled() {
        if (cancelled != null && cancelled.get()) {
            close();
            throw new ScanCancelledException();
        }
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException("a store scan is read once");
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            cursor.close();
        }
    }
}
