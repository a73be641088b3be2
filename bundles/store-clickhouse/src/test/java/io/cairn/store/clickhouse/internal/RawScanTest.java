package io.cairn.store.clickhouse.internal;

import static io.cairn.store.clickhouse.internal.TestStores.all;
import static io.cairn.store.clickhouse.internal.TestStores.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.ScanCursor;
import io.cairn.api.store.ScanRequest;
import io.cairn.api.store.SeriesBatch;
import io.cairn.api.store.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Raw scans in RowBinary: rows sorted by series hash and named from the series registry (also for series another
 * node wrote), the same batches as when sorted by series key (the fallback when two keys share a hash), and an
 * error the server appends mid-response is unavailability.
 */
@ExtendWith(ClickHouseServer.class)
class RawScanTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static ClickHouseSettings settings;
    private static ClickHouseStore store;

    @BeforeAll
    static void open() {
        settings = TestStores.settings("raw");
        store = new ClickHouseStore(settings, 3600);
        WriteBatch.Builder b = WriteBatch.builder("d", "m");
        for (int i = 0; i < 20_000; i++) {
            for (Tags tags : List.of(Tags.of("host", "a"), Tags.of("host", "b\tc"), Tags.EMPTY)) {
                int row = b.addRow(tags, T0 + i);
                b.setDouble(row, "f", i / 2.0);
                if (i % 2 == 0) {
                    b.setString(row, "s", "x" + i + "\n");
                }
                b.setLong(row, "n", -i);
            }
        }
        store.write(b.build());
    }

    @AfterAll
    static void close() {
        store.close();
        TestStores.drop(settings);
    }

    private static List<SeriesBatch> scan(ClickHouseStore on, ScanRequest request, boolean hashed) {
        ServerConnection server = new ServerConnection(settings);
        MeasurementSchema schema = new TableCatalog(server, new SeriesRegistry(server), new RewriteMarks(server))
                .load(request.database(), request.measurement());
        ScanSql sql = new ScanSql(request, schema, SqlText.identifier(settings.database()) + "."
                + SqlText.identifier(schema.table()), false, hashed);
        SeriesRegistry registry = new SeriesRegistry(server);
        List<SeriesBatch> out = new ArrayList<>();
        try (ScanCursor cursor = new RawRowsCursor(new RowBinaryReader(server.stream(sql.sql())), sql.fields(),
                request.limit(), hashed ? hash -> registry.seriesOf(schema.table(), hash) : null)) {
            for (SeriesBatch b = cursor.next(); b != null; b = cursor.next()) {
                out.add(b);
            }
        } finally {
            server.close();
        }
        return out;
    }

    @Test
    void hashedAndKeyedScansReadTheSameBatches() {
        ScanRequest request = raw("d", "m", T0, T0 + 20_000, List.of(), List.of(), 0);
        List<SeriesBatch> hashed = scan(store, request, true);
        List<SeriesBatch> keyed = scan(store, request, false);
        assertEquals(3 * 3, hashed.size(), "20,000 times per series in batches of at most 8192");
        assertEquals(keyed.stream().map(SeriesBatch::tags).distinct().sorted(java.util.Comparator.comparing(Tags::toString)).toList(),
                hashed.stream().map(SeriesBatch::tags).distinct().sorted(java.util.Comparator.comparing(Tags::toString)).toList());
        for (SeriesBatch b : hashed) {
            SeriesBatch k = keyed.stream().filter(x -> x.tags().equals(b.tags()) && x.times()[0] == b.times()[0])
                    .findFirst().orElseThrow();
            assertEquals(k.size(), b.size());
            for (int r = 0; r < b.size(); r += 997) {
                long i = b.times()[r] - T0;
                assertEquals(i / 2.0, b.column("f").doubleAt(r));
                assertEquals(-i, b.column("n").longAt(r));
                assertEquals(i % 2 == 0, b.column("s").isPresent(r));
                if (i % 2 == 0) {
                    assertEquals("x" + i + "\n", b.column("s").stringAt(r));
                }
            }
        }
    }

    @Test
    void aStoreThatNeverWroteTheSeriesNamesThemAndHonoursTheLimit() {
        ClickHouseStore other = new ClickHouseStore(settings, 3600);
        try {
            List<SeriesBatch> read = all(other, raw("d", "m", T0, T0 + 10, List.of(TestStores.tag("host", "b\tc")),
                    List.of("f"), 4));
            assertEquals(1, read.size());
            assertEquals(Tags.of("host", "b\tc"), read.get(0).tags());
            assertEquals(4, read.get(0).size());
            assertTrue(other.describe(raw("d", "m", T0, T0 + 10, List.of(), List.of("f"), 4))
                    .contains("ORDER BY h, time, f LIMIT 4 FORMAT RowBinary"));
        } finally {
            other.close();
        }
    }

    @Test
    void anErrorAfterTheFirstRowsIsUnavailability() {
        try (ServerConnection server = new ServerConnection(settings);
                RowBinaryReader rows = new RowBinaryReader(server.stream("SELECT 1, number, toUInt16(throwIf(number = 300000))"
                        + " FROM system.numbers LIMIT 400000 FORMAT RowBinary"))) {
            assertTrue(rows.nextRow());
            assertEquals(0, rows.int64());
            assertEquals(0, rows.uint16());
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> {
                while (rows.nextRow()) {
                    rows.int64();
                    rows.uint16();
                }
            });
            assertTrue(e.getMessage().contains("Code:"), e.getMessage());
        }
    }
}
