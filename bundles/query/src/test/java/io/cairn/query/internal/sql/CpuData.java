package io.cairn.query.internal.sql;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.TimeSeriesStore;
import java.time.Instant;

/**
 * Seven days of a {@code cpu} measurement in database {@code metrics}: hosts a, b and c (dc=x
 * for a and b, no dc for c), one row every 10 minutes with usage (DOUBLE), requests (BIGINT, a
 * counter growing by 60 per row), up (BOOLEAN) and state (VARCHAR).
 */
final class CpuData {
    static final String DB = "metrics";
    static final long T0_MILLIS = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long STEP_MILLIS = 600_000L;
    static final int ROWS_PER_HOST = 7 * 144;
    static final String[] HOSTS = {"a", "b", "c"};

    private CpuData() {
    }

    /** The usage of host number {@code h} at row {@code i}. */
    static double usage(int h, int i) {
        return h * 100 + (i % 6) * 10.0;
    }

    static void write(TimeSeriesStore store) {
        WriteBatch.Builder b = WriteBatch.builder(DB, "cpu");
        for (int h = 0; h < HOSTS.length; h++) {
            Tags tags = h < 2 ? Tags.of("host", HOSTS[h], "dc", "x") : Tags.of("host", HOSTS[h]);
            for (int i = 0; i < ROWS_PER_HOST; i++) {
                int row = b.addRow(tags, (T0_MILLIS + i * STEP_MILLIS) * 1_000_000L);
                b.setDouble(row, "usage", usage(h, i));
                b.setLong(row, "requests", i * 60L);
                b.setBoolean(row, "up", i % 2 == 0);
                b.setString(row, "state", i % 2 == 0 ? "ok" : "busy");
            }
        }
        store.write(b.build());
        WriteBatch.Builder mem = WriteBatch.builder(DB, "mem");
        mem.setDouble(mem.addRow(Tags.of("host", "a"), T0_MILLIS * 1_000_000L), "value", 1.5);
        store.write(mem.build());
    }
}
