package io.cairn.query.internal;

import io.cairn.api.access.RowFilter;
import io.cairn.api.model.FieldColumn;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.SeriesBatch;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** A raw scan's batches with the series outside a row filter dropped, cut at a row limit applied after the filter. */
final class RowFilteredCursor implements ScanCursor {
    private final ScanCursor cursor;
    private final RowFilter filter;
    private long remaining;

    /** Filters a cursor; {@code limit} 0 means no limit. */
    RowFilteredCursor(ScanCursor cursor, RowFilter filter, long limit) {
        this.cursor = cursor;
        this.filter = filter;
        this.remaining = limit > 0 ? limit : Long.MAX_VALUE;
    }

    @Override
    public SeriesBatch next() {
        while (remaining > 0) {
            SeriesBatch batch = cursor.next();
            if (batch == null) {
                return null;
            }
            if (batch.size() == 0 || !RowFilters.matches(filter, batch.tags())) {
                continue;
            }
            if (batch.size() > remaining) {
                batch = truncate(batch, (int) remaining);
            }
            remaining -= batch.size();
            return batch;
        }
        return null;
    }

    @Override
    public void close() {
        cursor.close();
    }

    private static SeriesBatch truncate(SeriesBatch batch, int size) {
        List<FieldColumn> columns = new ArrayList<>(batch.columns().size());
        for (FieldColumn c : batch.columns()) {
            columns.add(truncate(c, size));
        }
        long[] times = new long[size];
        System.arraycopy(batch.times(), 0, times, 0, size);
        return new SeriesBatch(batch.tags(), size, times, columns);
    }

    private static FieldColumn truncate(FieldColumn c, int size) {
        FieldColumn out = switch (c.type()) {
            case FLOAT -> {
                double[] v = new double[size];
                for (int i = 0; i < size; i++) {
                    v[i] = c.isPresent(i) ? c.doubleAt(i) : 0;
                }
                yield FieldColumn.ofDoubles(c.name(), v, size);
            }
            case INTEGER -> {
                long[] v = new long[size];
                for (int i = 0; i < size; i++) {
                    v[i] = c.isPresent(i) ? c.longAt(i) : 0;
                }
                yield FieldColumn.ofLongs(c.name(), v, size);
            }
            case BOOLEAN -> {
                boolean[] v = new boolean[size];
                for (int i = 0; i < size; i++) {
                    v[i] = c.isPresent(i) && c.booleanAt(i);
                }
                yield FieldColumn.ofBooleans(c.name(), v, size);
            }
            case STRING -> {
                String[] v = new String[size];
                for (int i = 0; i < size; i++) {
                    v[i] = c.isPresent(i) ? c.stringAt(i) : null;
                }
                yield FieldColumn.ofStrings(c.name(), v, size);
            }
        };
        if (c.isDense()) {
            return out;
        }
        BitSet present = new BitSet(size);
        for (int i = 0; i < size; i++) {
            present.set(i, c.isPresent(i));
        }
        return out.withPresence(present);
    }
}
