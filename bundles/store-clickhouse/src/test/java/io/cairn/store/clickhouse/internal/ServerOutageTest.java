package io.cairn.store.clickhouse.internal;

import static io.cairn.store.clickhouse.internal.TestStores.all;
import static io.cairn.store.clickhouse.internal.TestStores.raw;
import static io.cairn.store.clickhouse.internal.TestStores.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The server stops while batches are written: the store refuses them, and after the restart the same batches arrive exactly once. */
@ExtendWith(ClickHouseServer.class)
class ServerOutageTest {
    static final long T0 = 1_700_000_000_000_000_000L;

    private static WriteBatch batch(int n) {
        WriteBatch.Builder b = WriteBatch.builder("d", "m");
        for (int i = 0; i < 1000; i++) {
            int row = b.addRow(Tags.of("s", "s" + (i % 10)), T0 + n * 1000L + i);
            b.setLong(row, "v", n * 1000L + i);
        }
        return b.build();
    }

    @Test
    void writesFailWhileTheServerIsDownAndArriveExactlyOnceAfterwards() {
        ClickHouseServer shared = ClickHouseServer.get();
        assumeTrue(shared.ownsProcess() || ClickHouseServer.installed(), "needs clickhouse-server here to stop and start");
        ClickHouseServer server = shared.ownsProcess() ? shared : ClickHouseServer.startOwned();
        try {
            writeDuringOutage(server);
        } finally {
            if (server != shared) {
                server.close();
            }
        }
    }

    private static void writeDuringOutage(ClickHouseServer server) {
        ClickHouseSettings settings = TestStores.settings("outage", server.url());
        ClickHouseStore store = new ClickHouseStore(settings);
        List<WriteBatch> acknowledged = new ArrayList<>();
        List<WriteBatch> refused = new ArrayList<>();
        try {
            for (int n = 0; n < 3; n++) {
                store.write(batch(n));
                acknowledged.add(batch(n));
            }
            server.stop();
            for (int n = 3; n < 6; n++) {
                WriteBatch b = batch(n);
                assertThrows(StoreUnavailableException.class, () -> store.write(b));
                refused.add(b);
            }
            assertFalse(store.health().healthy());
            assertThrows(StoreUnavailableException.class,
                    () -> all(store, raw("d", "m", T0, T0 + 10_000, List.of(), List.of("v"), 0)));
            assertThrows(StoreUnavailableException.class, () -> store.measurements("d"));
        } finally {
            server.start();
        }
        try {
            assertTrue(store.health().healthy(), store.health().detail());
            for (WriteBatch b : refused) {
                store.write(b);
            }
            for (WriteBatch b : acknowledged) {
                store.write(b);
            }
            assertEquals(6000, rows(all(store, raw("d", "m", T0, T0 + 10_000, List.of(), List.of("v"), 0))));
            assertEquals(10, store.seriesCount("d", "m"));
        } finally {
            store.close();
            TestStores.drop(settings);
        }
    }
}
