package io.cairn.store.clickhouse.internal;

import io.cairn.api.model.FieldType;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.SeriesBatch;
import io.cairn.api.store.StoreUnavailableException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A raw scan read as it streams from the server: narrow rows ordered by series, time and field
 * become one batch per series (split every {@value #MAX_ROWS} times), stopping at the limit.
 */
final class RawRowsCursor implements ScanCursor {
    static final int MAX_ROWS = 8192;

    private final TsvFields in;
    private final List<String> names;
    private final List<FieldType> types;
    private final Map<String, Integer> indexOf = new HashMap<>();
    private long remaining;
    private String[] pending;
    private boolean done;

    RawRowsCursor(TsvFields in, Map<String, FieldType> fields, long limit) {
        this.in = in;
        this.names = new ArrayList<>(fields.keySet());
        this.types = new ArrayList<>(fields.values());
        for (int i = 0; i < names.size(); i++) {
            indexOf.put(names.get(i), i);
        }
        this.remaining = limit > 0 ? limit : Long.MAX_VALUE;
    }

    @Override
    public SeriesBatch next() {
        if (done) {
            return null;
        }
        SeriesRowsBuilder rows = null;
        try {
            while (true) {
                String[] row = pending != null ? pending : in.next();
                pending = null;
                if (row == null) {
                    close();
                    break;
                }
                long time = Long.parseLong(row[2]);
                if (rows == null) {
                    rows = new SeriesRowsBuilder(row[0], names, types);
                } else if (!row[0].equals(rows.seriesKey())
                        || (time != rows.lastTime() && rows.size() >= MAX_ROWS)) {
                    pending = row;
                    break;
                }
                if (rows.size() == 0 || time != rows.lastTime()) {
                    if (remaining == 0) {
                        close();
                        break;
                    }
                    rows.addTime(time);
                    remaining--;
                }
                Integer field = indexOf.get(row[1]);
                if (field != null) {
                    rows.set(field, row[3], row[4], row[5]);
                }
            }
        } catch (UncheckedIOException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
            close();
            throw new StoreUnavailableException("ClickHouse stopped sending a scan's rows", e);
        } catch (StoreUnavailableException e) {
            close();
            throw e;
        }
        return rows == null || rows.size() == 0 ? null : rows.build();
    }

    @Override
    public void close() {
        if (!done) {
            done = true;
            try {
                in.close();
            } catch (UncheckedIOException e) {
                // the connection is gone already; nothing is left to release
            }
        }
    }
}
