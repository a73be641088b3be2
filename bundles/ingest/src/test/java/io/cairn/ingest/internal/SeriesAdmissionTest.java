package io.cairn.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import io.cairn.api.store.TimeSeriesStore;
import java.util.List;
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

    @Test
    void pendingSeriesFoundStoredOrNewAreNotLookedUpByLaterRequests() {
        storeSeries("s1");
        storeSeries("s2");
        WriteBuffer buffer = new WriteBuffer(1_000, 0);
        buffer.storeBound(store);
        WriteBatch.Builder b = WriteBatch.builder("db", "m");
        for (String h : new String[] {"s1", "s2", "n1"}) {
            b.setDouble(b.addRow(Tags.of("h", h), 2), "value", 2);
        }
        buffer.add(1, List.of(b.build()));
        SeriesCatalog buffered = new BufferedCatalog(store, buffer);

        SeriesAdmission first = new SeriesAdmission(buffered, "db", 5, false);
        assertNull(first.admit("m", Tags.of("h", "n2")), "2 stored + 3 pending + 1 > 5: settles, 4 series");
        assertEquals(Set.of(), buffer.pendingSeries("db", "m"), "s1 and s2 were found stored, n1 new");
        assertEquals(1, buffer.pendingSeriesCount("db", "m"));
        int lookups = store.seriesLookups();

        SeriesAdmission second = new SeriesAdmission(buffered, "db", 5, false);
        assertNull(second.admit("m", Tags.of("h", "n2")), "2 stored + 1 pending + 1 < 5: no settling");
        assertEquals(lookups, store.seriesLookups());

        SeriesAdmission third = new SeriesAdmission(buffered, "db", 4, false);
        assertNull(third.admit("m", Tags.of("h", "n2")));
        assertEquals(ItemError.CARDINALITY_EXCEEDED, third.admit("m", Tags.of("h", "n3")).code(),
                "s1, s2, n1 (pending new) and n2 make 4");
        assertEquals(lookups + 2, store.seriesLookups(), "n2 and n3 looked up, n1 counted from its mark");
    }

    @Test
    void seriesARequestFoundNewAreMarkedOnceWrittenSoTheNextRequestDoesNotLookThemUp() {
        storeSeries("s1");
        storeSeries("s2");
        WriteBuffer buffer = new WriteBuffer(1_000, 0);
        buffer.storeBound(store);
        SeriesCatalog buffered = new BufferedCatalog(store, buffer);
        SeriesAdmission first = new SeriesAdmission(buffered, "db", 4, false);
        assertNull(first.admit("m", Tags.of("h", "n1")));
        assertNull(first.admit("m", Tags.of("h", "s1")));
        assertNull(first.admit("m", Tags.of("h", "n2")), "2 stored + 2 admitted + 1 = 5: settles, then looks n2 up");
        WriteBatch.Builder b = WriteBatch.builder("db", "m");
        for (String h : new String[] {"n1", "s1", "n2"}) {
            b.setDouble(b.addRow(Tags.of("h", h), 2), "value", 2);
        }
        buffer.add(1, List.of(b.build()));
        first.written();
        assertEquals(Set.of(), buffer.pendingSeries("db", "m"));
        assertEquals(2, buffer.pendingNewSeriesCount("db", "m"));
        int lookups = store.seriesLookups();

        SeriesAdmission second = new SeriesAdmission(buffered, "db", 4, false);
        assertEquals(ItemError.CARDINALITY_EXCEEDED, second.admit("m", Tags.of("h", "n3")).code(),
                "s1, s2, n1 and n2 (buffered, marked new) make 4");
        assertNull(second.admit("m", Tags.of("h", "n2")), "buffered and marked new: counted already");
        assertEquals(lookups + 1, store.seriesLookups(), "only n3 looked up");
    }

    /** The write engine's view of the buffer, over a store. */
    private record BufferedCatalog(TimeSeriesStore store, WriteBuffer buffer) implements BufferedSeriesCatalog {
    }
}
