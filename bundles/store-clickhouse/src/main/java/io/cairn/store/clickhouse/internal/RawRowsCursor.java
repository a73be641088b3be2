package io.cairn.store.clickhouse.internal;

import io.cairn.api.model.FieldType;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.SeriesBatch;
import io.cairn.api.store.StoreUnavailableException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * A raw scan read as it streams from the server in RowBinary ({@link ScanSql}): narrow rows ordered by series
 * (hash or key), time and field become one batch per series (split every {@value #MAX_ROWS} times), stopping
 * at the limit. A row is: 1, series hash, series key (empty when hashed), field's 1-based index, time, f64, i64,
 * str.
 */
final class RawRowsCursor implements ScanCursor {
    static final int MAX_ROWS = 8192;

    private final RowBinaryReader in;
    private final List<String> names;
    private final List<FieldType> types;
    private final LongFunction<String> seriesOfHash;
    private long remaining;
    private Row pending;
    private boolean done;

    /** One narrow row. */
    private record Row(long hash, String key, int field, long time, double f64, long i64, String str) {
    }

    /**
     * @param seriesOfHash the series key of a hash when the rows carry hashes; null when they carry keys
     */
    RawRowsCursor(RowBinaryReader in, Map<String, FieldType> fields, long limit, LongFunction<String> seriesOfHash) {
        this.in = in;
        this.names = new ArrayList<>(fields.keySet());
        this.types = new ArrayList<>(fields.values());
        this.seriesOfHash = seriesOfHash;
        this.remaining = limit > 0 ? limit : Long.MAX_VALUE;
    }

    @Override
    public SeriesBatch next() {
        if (done) {
            return null;
        }
        SeriesRowsBuilder rows = null;
        long hash = 0;
        String key = null;
        try {
            while (true) {
                Row row = pending != null ? pending : read();
                pending = null;
                if (row == null) {
                    close();
                    break;
                }
                if (rows == null) {
                    hash = row.hash;
                    key = row.key;
                    rows = new SeriesRowsBuilder(seriesOfHash != null ? seriesOfHash.apply(hash) : key, names, types);
                } else if (row.hash != hash || !row.key.equals(key)
                        || (row.time != rows.lastTime() && rows.size() >= MAX_ROWS)) {
                    pending = row;
                    break;
                }
                if (rows.size() == 0 || row.time != rows.lastTime()) {
                    if (remaining == 0) {
                        close();
                        break;
                    }
                    rows.addTime(row.time);
                    remaining--;
                }
                if (row.field > 0) {
                    rows.set(row.field - 1, row.f64, row.i64, row.str);
                }
            }
        } catch (UncheckedIOException e) {
            close();
            throw new StoreUnavailableException("ClickHouse stopped sending a scan's rows", e);
        } catch (StoreUnavailableException e) {
            close();
            throw e;
        }
        return rows == null || rows.size() == 0 ? null : rows.build();
    }

    private Row read() {
        if (!in.nextRow()) {
            return null;
        }
        return new Row(in.int64(), in.string(), in.uint16(), in.int64(), in.float64(), in.int64(), in.string());
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
