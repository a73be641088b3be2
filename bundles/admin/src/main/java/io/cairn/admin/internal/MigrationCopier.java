package io.cairn.admin.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.FieldType;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.SeriesBatch;
import io.cairn.api.store.TimeSeriesStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Copies a job's data day by day from one store to another, with the rows of a day streamed in batches. */
final class MigrationCopier {
    static final long DAY_NANOS = 86_400_000_000_000L;
    private static final int BATCH_ROWS = 10_000;

    private final TimeSeriesStore from;
    private final TimeSeriesStore to;

    MigrationCopier(TimeSeriesStore from, TimeSeriesStore to) {
        this.from = from;
        this.to = to;
    }

    /** Lists the days with data of every measurement the job covers, with their row counts. */
    void plan(MigrationJob job) {
        List<String> pending = new ArrayList<>();
        long total = 0;
        for (String db : job.database == null ? from.databases() : List.of(job.database)) {
            for (String m : job.measurement == null ? from.measurements(db) : List.of(job.measurement)) {
                List<String> fields = List.copyOf(from.fields(db, m).keySet());
                if (fields.isEmpty()) {
                    continue;
                }
                ScanRequest counts = new ScanRequest(db, m, job.startNanos, job.endNanos, List.of(), fields,
                        new Aggregation(DAY_NANOS, List.of(), List.of(AggregateFunction.COUNT)), 0);
                try (ScanCursor cursor = from.scan(counts)) {
                    for (SeriesBatch b = cursor.next(); b != null; b = cursor.next()) {
                        for (int i = 0; i < b.size(); i++) {
                            long rows = 0;
                            for (FieldColumn c : b.columns()) {
                                rows = Math.max(rows, c.isPresent(i) ? ((Number) c.valueAt(i)).longValue() : 0);
                            }
                            if (rows > 0) {
                                pending.add(db + "/" + m + "/" + b.times()[i] + "/" + rows);
                                total += rows;
                            }
                        }
                    }
                }
            }
        }
        job.pending = pending;
        job.rowsTotal = total;
        job.planned = true;
    }

    /** Copies pending days until none is left or {@code stop} says so, calling {@code saved} after each. */
    void copy(MigrationJob job, BooleanSupplier stop, Runnable saved) {
        while (!job.pending.isEmpty() && !stop.getAsBoolean()) {
            String[] day = job.pending.get(0).split("/");
            long dayStart = Long.parseLong(day[2]);
            long start = Math.max(dayStart, job.startNanos);
            long end = Math.min(dayStart + DAY_NANOS, job.endNanos);
            job.rowsCopied += copyRange(day[0], day[1], start, end);
            job.pending.remove(0);
            saved.run();
        }
    }

    private long copyRange(String db, String measurement, long start, long end) {
        Map<String, FieldType> fields = from.fields(db, measurement);
        ScanRequest raw = new ScanRequest(db, measurement, start, end, List.of(), List.copyOf(fields.keySet()), null, 0);
        long rows = 0;
        WriteBatch.Builder out = WriteBatch.builder(db, measurement);
        try (ScanCursor cursor = from.scan(raw)) {
            for (SeriesBatch b = cursor.next(); b != null; b = cursor.next()) {
                for (int i = 0; i < b.size(); i++) {
                    int row = out.addRow(b.tags(), b.times()[i]);
                    for (FieldColumn c : b.columns()) {
                        if (c.isPresent(i)) {
                            set(out, row, c, i);
                        }
                    }
                    if (out.size() >= BATCH_ROWS) {
                        to.write(out.build());
                        out = WriteBatch.builder(db, measurement);
                    }
                }
                rows += b.size();
            }
        }
        if (out.size() > 0) {
            to.write(out.build());
        }
        return rows;
    }

    private static void set(WriteBatch.Builder out, int row, FieldColumn c, int i) {
        switch (c.type()) {
            case FLOAT -> out.setDouble(row, c.name(), c.doubleAt(i));
            case INTEGER -> out.setLong(row, c.name(), c.longAt(i));
            case BOOLEAN -> out.setBoolean(row, c.name(), c.booleanAt(i));
            case STRING -> out.setString(row, c.name(), c.stringAt(i));
            default -> throw new IllegalStateException("unknown field type " + c.type());
        }
    }
}
