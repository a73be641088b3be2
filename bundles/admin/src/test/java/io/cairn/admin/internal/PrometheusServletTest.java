package io.cairn.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.TimeSeriesStore;
import io.cairn.store.lmdb.internal.LmdbStores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Prometheus text of a real LMDB store's statistics and of samples. */
class PrometheusServletTest {
    @TempDir
    Path dir;

    @Test
    void storeStatisticsAreGaugesLabelledByStore() {
        TimeSeriesStore store = LmdbStores.open(dir);
        try {
            WriteBatch.Builder b = WriteBatch.builder("d", "m");
            for (int s = 0; s < 3; s++) {
                b.setDouble(b.addRow(Tags.of("host", "h" + s), 1_000L), "v", s);
            }
            store.write(b.build());
            StringWriter text = new StringWriter();
            TreeMap<String, TimeSeriesStore> stores = new TreeMap<>();
            stores.put("lmdb", store);
            PrometheusServlet.writeStores(new PrintWriter(text, true), stores, "lmdb");
            assertTrue(text.toString().contains("# TYPE cairn_store_series gauge\ncairn_store_series{store=\"lmdb\",active=\"true\"} 3\n"),
                    text.toString());
        } finally {
            LmdbStores.close(store);
        }
    }

    @Test
    void samplesAreWrittenInPrometheusSyntax() {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text, true);
        PrometheusText.sample(out, "cairn_x_total", "", 42L);
        PrometheusText.sample(out, "cairn_y", "", 0.5);
        PrometheusText.sample(out, "cairn_z", "", Double.NaN);
        assertEquals("cairn_x_total 42\ncairn_y 0.5\ncairn_z NaN\n", text.toString());
        assertEquals("map_size_bytes_", PrometheusText.nameOf("map size-bytes."));
        assertTrue(PrometheusText.isName("cairn_audit_events_dropped_total"));
        assertTrue(!PrometheusText.isName("1bad"));
    }
}
