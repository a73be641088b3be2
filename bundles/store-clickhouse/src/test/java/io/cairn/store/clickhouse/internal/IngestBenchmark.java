package io.cairn.store.clickhouse.internal;

import com.clickhouse.data.ClickHouseFormat;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: compares rows per second written through {@link ClickHouseStore#write} with raw
 * RowBinary inserts of the same rows (host, time, value) into a plain MergeTree table of the same
 * server. Arguments: rows (default 2,000,000), series (default 1,000), rows per batch (default 100,000).
 * Uses CAIRN_CLICKHOUSE_URL, else starts a server of its own.
 */
public final class IngestBenchmark {
    private static final long T0 = 1_700_000_000_000_000_000L;

    private IngestBenchmark() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int series = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int perBatch = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        ClickHouseServer server = ClickHouseServer.get();
        ClickHouseSettings settings = TestStores.settings("bench", server.url());
        List<WriteBatch> batches = new ArrayList<>();
        for (int from = 0; from < rows; from += perBatch) {
            WriteBatch.Builder b = WriteBatch.builder("bench", "cpu");
            for (int i = from; i < Math.min(rows, from + perBatch); i++) {
                b.setDouble(b.addRow(Tags.of("host", "h" + (i % series), "dc", "dc" + (i % 7)), T0 + i * 1000L), "value", i * 0.5);
            }
            batches.add(b.build());
        }
        ClickHouseStore store = new ClickHouseStore(settings);
        try (ServerConnection raw = new ServerConnection(settings)) {
            store.write(batches.get(0));
            raw.execute("CREATE TABLE " + SqlText.identifier(settings.database()) + ".raw (host String, dc String, time Int64, value Float64)"
                    + " ENGINE = MergeTree PARTITION BY toYYYYMMDD(toDateTime(intDiv(time, 1000000000))) ORDER BY (host, dc, time)");
            long start = System.nanoTime();
            for (WriteBatch b : batches) {
                store.write(b);
            }
            double cairn = rows / ((System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            for (WriteBatch b : batches) {
                raw.insert(SqlText.identifier(settings.database()) + ".raw", List.of("host", "dc", "time", "value"), out -> {
                    RowBinaryWriter w = new RowBinaryWriter(out);
                    for (int r = 0; r < b.size(); r++) {
                        Tags tags = b.tags(r);
                        w.writeString(tags.get("host"));
                        w.writeString(tags.get("dc"));
                        w.writeInt64(b.time(r));
                        w.writeFloat64(b.fields().get(0).doubleAt(r));
                    }
                    w.flush();
                }, ClickHouseFormat.RowBinary);
            }
            double direct = rows / ((System.nanoTime() - start) / 1e9);
            System.out.printf("rows=%d series=%d batch=%d%nClickHouseStore.write: %.0f rows/s%nraw RowBinary:         %.0f rows/s%nratio: %.2f%n",
                    rows, series, perBatch, cairn, direct, cairn / direct);
        } finally {
            store.close();
            TestStores.drop(settings);
            server.close();
        }
    }
}
