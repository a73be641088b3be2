package io.cairn.store.lmdb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogVersionTest {
    private static final long T0 = 1_700_000_000_000_000_000L;

    @TempDir
    Path dir;
    private LmdbStore store;

    @BeforeEach
    void open() {
        store = new LmdbStore(dir, 64L << 20, 16);
        store.write(point("d", "cpu", "a", "usage", 1));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static WriteBatch point(String db, String measurement, String host, String field, long time) {
        WriteBatch.Builder b = WriteBatch.builder(db, measurement);
        b.setDouble(b.addRow(Tags.of("host", host), T0 + time), field, 1.5);
        return b.build();
    }

    @Test
    void staysWhileWritesOnlyAddPointsToKnownSeriesAndFields() {
        long version = store.catalogVersion();
        store.write(point("d", "cpu", "a", "usage", 2));
        store.write(point("d", "cpu", "a", "usage", 3));
        assertEquals(version, store.catalogVersion());
    }

    @Test
    void changesOnceANewFieldIsReadable() {
        long version = store.catalogVersion();
        store.write(point("d", "cpu", "a", "idle", 2));
        assertNotEquals(version, store.catalogVersion());
        assertTrue(store.fields("d", "cpu").containsKey("idle"));
    }

    @Test
    void changesWithANewSeriesMeasurementOrDatabase() {
        long version = store.catalogVersion();
        WriteBatch.Builder b = WriteBatch.builder("d", "cpu");
        b.setDouble(b.addRow(Tags.of("host", "b", "rack", "r1"), T0), "usage", 2);
        store.write(b.build());
        long withTagKey = store.catalogVersion();
        assertNotEquals(version, withTagKey);
        assertTrue(store.tagKeys("d", "cpu").contains("rack"));

        store.write(point("d", "mem", "a", "used", 1));
        long withMeasurement = store.catalogVersion();
        assertNotEquals(withTagKey, withMeasurement);
        assertTrue(store.measurements("d").contains("mem"));

        store.write(point("e", "mem", "a", "used", 1));
        assertNotEquals(withMeasurement, store.catalogVersion());
        assertTrue(store.databases().contains("e"));
    }

    @Test
    void aRejectedWriteChangesNothingAndLaterWritesStillCount() {
        WriteBatch.Builder conflicting = WriteBatch.builder("d", "cpu");
        conflicting.setLong(conflicting.addRow(Tags.of("host", "a"), T0), "usage", 1);
        assertThrows(IllegalArgumentException.class, () -> store.write(conflicting.build()));
        assertEquals(Map.of("usage", FieldType.FLOAT), store.fields("d", "cpu"));
        long version = store.catalogVersion();
        store.write(point("d", "cpu", "a", "user", 5));
        assertNotEquals(version, store.catalogVersion());
    }

    @Test
    void anotherDataFolderNeverShowsAnEarlierNumber() {
        long version = store.catalogVersion();
        store.reconfigure(dir.resolve("other"), 64L << 20, 16, LmdbStore.DEFAULT_SERIES_CACHE_SIZE);
        assertNotEquals(version, store.catalogVersion());
        assertEquals(0, store.databases().size());
    }
}
