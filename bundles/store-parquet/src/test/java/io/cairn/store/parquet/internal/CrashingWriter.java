package io.cairn.store.parquet.internal;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.nio.file.Path;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The process {@link KillDuringWriteTest} kills: writes numbered batches into a store forever,
 * compacting now and then, and prints {@code ack <n>} after each write returns.
 */
public final class CrashingWriter {
    static final int ROWS = 300;

    private CrashingWriter() {
    }

    /** Returns batch n: rows of 30 hosts, 20 s apart, over two or three hour partitions, values derived from n. */
    static WriteBatch batch(int n) {
        WriteBatch.Builder b = WriteBatch.builder("db", "cpu");
        for (int i = 0; i < ROWS; i++) {
            long time = ParquetStoreTest.T0 + ((long) n * ROWS + i) * 20_000_000_000L;
            int row = b.addRow(Tags.of("host", "h" + i % 30), time);
            b.setDouble(row, "value", n * 1000 + i);
        }
        return b.build();
    }

    public static void main(String[] args) {
        ParquetStore store = new ParquetStore(Path.of(args[0]), new Settings(CompressionCodecName.ZSTD, 512L << 20, 0, 16));
        for (int n = 0;; n++) {
            store.write(batch(n));
            System.out.println("ack " + n);
            System.out.flush();
            if (n % 4 == 3) {
                store.compactNow();
            }
        }
    }
}
