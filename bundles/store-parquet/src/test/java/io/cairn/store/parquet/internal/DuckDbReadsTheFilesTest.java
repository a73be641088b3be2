package io.cairn.store.parquet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.AggregateFunction;
import io.cairn.api.store.Aggregation;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.SeriesBatch;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DuckDB, reading the Parquet files Cairn wrote, returns the aggregates Cairn computes itself. */
class DuckDbReadsTheFilesTest {
    @TempDir
    Path dir;

    @Test
    void duckDbCountsAndSumsWhatCairnCountsAndSums() throws Exception {
        ParquetStore store = new ParquetStore(dir, new Settings(CompressionCodecName.ZSTD, 512L << 20, 0, 16));
        long t0 = ParquetStoreTest.T0;
        for (int round = 0; round < 3; round++) {
            WriteBatch.Builder b = WriteBatch.builder("db", "cpu");
            for (int i = 0; i < 3000; i++) {
                int row = b.addRow(Tags.of("hostname", "host_" + i % 10, "region", "r" + i % 3), t0 + i * 2_000_000_000L);
                b.setDouble(row, "usage_user", (i * 37 % 101) + round * 0.0);
                b.setLong(row, "usage_idle", i % 97);
            }
            store.write(b.build());
        }
        store.compactNow();

        double cairnCount;
        double cairnSum;
        Aggregation all = new Aggregation(0, List.of(), List.of(AggregateFunction.COUNT, AggregateFunction.SUM));
        try (ScanCursor cursor = store.scan(Points.aggregate("cpu", List.of("usage_user"), all, 0, Long.MAX_VALUE))) {
            SeriesBatch batch = cursor.next();
            cairnCount = batch.column("count(usage_user)").doubleAt(0);
            cairnSum = batch.column("sum(usage_user)").doubleAt(0);
        }
        assertEquals(3000, cairnCount);

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = duck.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*), sum(usage_user), count(DISTINCT hostname), "
                        + "min(time) FROM read_parquet('" + dir + "/**/*.parquet')")) {
            rs.next();
            assertEquals((long) cairnCount, rs.getLong(1));
            assertEquals(cairnSum, rs.getDouble(2), 1e-6);
            assertEquals(10, rs.getLong(3));
            assertEquals(java.time.Instant.ofEpochSecond(0, t0), rs.getObject(4, java.time.OffsetDateTime.class).toInstant());
        }
    }
}
