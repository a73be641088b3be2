package io.cairn.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.TimeSeriesStore;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeriesAdmissionTest {
    private final RecordingStore store = new RecordingStore();
    private final Set<Tags> pending = Set.of(Tags.of("h", "p1"), Tags.of("h", "p2"));
    private int pendingCopies;

    private final SeriesCatalog catalog = new SeriesCatalog() {
        @Override
        public TimeSeriesStore store() {
            return store;
        }

        @Override
        public Set<Tags> pendingSeries(String database, String measurement) {
            pendingCopies++;
            return pending;
        }

        @Override
        public int pendingSeriesCount(String database, String measurement) {
            return pending.size();
        }
    };

    private void storeSeries(String host) {
        WriteBatch.Builder b = WriteBatch.builder("db", "m");
        b.setDouble(b.addRow(Tags.of("h", host), 1), "value", 1);
        store.write(b.build());
    }

    @Test
    void farFromTheLimitNewSeriesAreAdmittedWithoutCopyingThePendingOnes() {
        storeSeries("s1");
        SeriesAdmission admission = new SeriesAdmission(catalog, "db", 100, false);

        for (int i = 0; i < 50; i++) {
            assertNull(admission.admit("m", Tags.of("h", "new" + i)));
        }
        assertNull(admission.admit("m", Tags.of("h", "p1")));
        assertEquals(0, pendingCopies);
    }

    @Test
    void nearTheLimitStoredAndPendingSeriesCountExactly() {
        storeSeries("s1");
        SeriesAdmission admission = new SeriesAdmission(catalog, "db", 4, false);

        assertNull(admission.admit("m", Tags.of("h", "p1")));
        assertNull(admission.admit("m", Tags.of("h", "s1")));
        assertNull(admission.admit("m", Tags.of("h", "new1")));
        ItemError refused = admission.admit("m", Tags.of("h", "new2"));
        assertEquals(ItemError.CARDINALITY_EXCEEDED, refused.code());
        assertNull(admission.admit("m", Tags.of("h", "p2")), "a pending series is not new");
        assertNull(admission.admit("m", Tags.of("h", "new1")), "a series admitted before stays admitted");
        assertEquals(1, pendingCopies);
    }
}
