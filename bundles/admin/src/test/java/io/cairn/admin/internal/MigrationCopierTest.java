package io.cairn.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.SeriesBatch;
import io.cairn.api.store.TimeSeriesStore;
import io.cairn.store.lmdb.internal.LmdbStore;
import io.cairn.store.lmdb.internal.LmdbStores;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationCopierTest {
    static final long DAY = MigrationCopier.DAY_NANOS;
    static final long T0 = 20_000 * DAY;

    @TempDir
    Path dir;
    LmdbStore from;
    LmdbStore to;

    @AfterEach
    void close() {
        LmdbStores.close(from);
        LmdbStores.close(to);
    }

    private void open() {
        from = LmdbStores.open(dir.resolve("from"));
        to = LmdbStores.open(dir.resolve("to"));
    }

    /** Writes 3 days of one point per hour for 4 hosts, with a float, an integer, a boolean and a string. */
    private void fill() {
        WriteBatch.Builder b = WriteBatch.builder("db", "cpu");
        for (int host = 0; host < 4; host++) {
            for (int h = 0; h < 72; h++) {
                int row = b.addRow(Tags.of(Map.of("host", "h" + host)), T0 + h * 3_600_000_000_000L);
                b.setDouble(row, "usage", host + h / 100.0);
                b.setLong(row, "count", h);
                b.setBoolean(row, "up", h % 2 == 0);
                if (h % 3 == 0) {
                    b.setString(row, "note", "n" + h);
                }
            }
        }
        from.write(b.build());
    }

    private static Map<String, Object> everything(TimeSeriesStore store) {
        Map<String, Object> rows = new TreeMap<>();
        List<String> fields = List.copyOf(store.fields("db", "cpu").keySet());
        try (ScanCursor c = store.scan(new ScanRequest("db", "cpu", JobsServlet.EARLIEST, JobsServlet.LATEST,
                List.of(), fields, null, 0))) {
            for (SeriesBatch s = c.next(); s != null; s = c.next()) {
                for (int i = 0; i < s.size(); i++) {
                    for (var col : s.columns()) {
                        if (col.isPresent(i)) {
                            rows.put(s.tags() + "/" + s.times()[i] + "/" + col.name(), col.valueAt(i));
                        }
                    }
                }
            }
        }
        return rows;
    }

    @Test
    void copiesEveryValueDayByDayAndCountsTheRows() {
        open();
        fill();
        MigrationJob job = job();
        MigrationCopier copier = new MigrationCopier(from, to);
        copier.plan(job);
        assertEquals(3, job.pending.size()); // one entry per day with data
        assertEquals(4 * 72, job.rowsTotal);
        copier.copy(job, () -> false, () -> { });
        assertEquals(4 * 72, job.rowsCopied);
        assertTrue(job.pending.isEmpty());
        assertEquals(everything(from), everything(to));
    }

    @Test
    void aStoppedCopyResumesWithoutDuplicates() {
        open();
        fill();
        MigrationJob job = job();
        MigrationCopier copier = new MigrationCopier(from, to);
        copier.plan(job);
        int[] saved = {0};
        copier.copy(job, () -> saved[0] >= 1, () -> saved[0]++);
        assertEquals(1, saved[0]);
        assertTrue(job.rowsCopied < job.rowsTotal);
        String again = job.pending.get(0);
        job.pending.add(0, again); // a crash after copying a day but before saving it: the day is copied twice
        copier.copy(job, () -> false, () -> { });
        assertEquals(everything(from), everything(to));
        assertEquals(4, to.seriesCount("db", "cpu"));
    }

    private static MigrationJob job() {
        MigrationJob job = new MigrationJob();
        job.id = "j";
        job.from = "a";
        job.to = "b";
        job.startNanos = JobsServlet.EARLIEST;
        job.endNanos = JobsServlet.LATEST;
        return job;
    }
}
