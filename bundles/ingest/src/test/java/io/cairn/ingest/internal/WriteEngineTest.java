package io.cairn.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteEngineTest {
    @TempDir
    Path dir;

    private final List<WriteEngine> engines = new ArrayList<>();

    private WriteEngine engine(int bufferMaxRows, long segmentBytes) {
        WriteEngine engine = new WriteEngine(dir.resolve("wal"), FsyncPolicy.GROUP, 2, segmentBytes, 200, bufferMaxRows);
        engines.add(engine);
        return engine;
    }

    private WriteEngine engine() {
        return engine(1_000_000, 64L << 20);
    }

    @AfterEach
    void closeEngines() {
        engines.forEach(WriteEngine::close);
    }

    private static WriteBatch batch(String measurement, String host, long firstTime, int rows) {
        WriteBatch.Builder b = WriteBatch.builder("db", measurement);
        for (int i = 0; i < rows; i++) {
            b.setDouble(b.addRow(Tags.of("host", host), firstTime + i), "value", firstTime + i);
        }
        return b.build();
    }

    private static boolean within(long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }

    @Test
    void acknowledgedRowsReachABoundStoreWithinOneSecond() throws InterruptedException {
        RecordingStore store = new RecordingStore();
        WriteEngine engine = engine();
        engine.bindStore(store);
        engine.write(List.of(batch("cpu", "a", 1000, 3), batch("mem", "a", 1000, 2)));
        assertTrue(within(1000, () -> store.pointCount() == 5), "rows visible in the store within one second");
    }

    @Test
    void aStoreWhoseBundleWasUpdatedUnderAWriteLeavesTheRowsToTheNextStore() throws InterruptedException {
        RecordingStore old = new RecordingStore();
        old.unloaded = true;
        WriteEngine engine = engine();
        engine.bindStore(old);
        engine.write(List.of(batch("cpu", "a", 1000, 3)));
        Thread.sleep(500);
        RecordingStore next = new RecordingStore();
        engine.bindStore(next);
        engine.unbindStore(old);
        engine.write(List.of(batch("cpu", "b", 1000, 2)));
        assertTrue(within(3000, () -> next.pointCount() == 5), "the flusher survived and the next store has every row");
    }

    @Test
    void smallBatchesOfOneMeasurementAreMergedBeforeTheyReachTheStore() {
        RecordingStore store = new RecordingStore();
        WriteEngine engine = engine();
        for (int i = 0; i < 20; i++) {
            engine.write(List.of(batch("cpu", "h" + i, i * 10L, 2)));
        }
        engine.bindStore(store);
        assertTrue(engine.flushNow());
        assertEquals(40, store.pointCount());
        assertTrue(store.writeCalls() < 20, "writes: " + store.writeCalls());
    }

    @Test
    void writesWithoutAStoreAreReplayedIntoAStoreThatBindsLater() throws InterruptedException {
        WriteEngine engine = engine();
        engine.write(List.of(batch("cpu", "a", 1, 10)));
        engine.write(List.of(batch("cpu", "b", 1, 10)));
        RecordingStore store = new RecordingStore();
        engine.bindStore(store);
        assertTrue(within(5000, () -> store.pointCount() == 20));
    }

    @Test
    void nothingAcknowledgedIsLostAcrossARestart() {
        WriteEngine first = engine();
        first.write(List.of(batch("cpu", "a", 100, 7)));
        first.write(List.of(batch("disk", "b", 100, 3)));
        first.close();
        engines.remove(first);

        WriteEngine second = engine();
        RecordingStore store = new RecordingStore();
        second.bindStore(store);
        assertTrue(second.flushNow());
        assertEquals(10, store.pointCount());
        second.write(List.of(batch("cpu", "c", 500, 1)));
        assertTrue(second.flushNow());
        assertEquals(11, store.pointCount());
    }

    @Test
    void acknowledgedWritesSurviveAnEngineThatNeverShutsDown() {
        WriteEngine crashed = engine();
        crashed.write(List.of(batch("cpu", "a", 100, 4)));

        WriteEngine next = engine();
        RecordingStore store = new RecordingStore();
        next.bindStore(store);
        assertTrue(next.flushNow());
        assertEquals(4, store.pointCount());
        assertEquals(Set.of(Tags.of("host", "a")), Set.copyOf(store.points().stream().map(RecordingStore.Point::tags).toList()));
    }

    @Test
    void aFullBufferWithoutAStoreIsReadBackFromTheLog() {
        WriteEngine engine = engine(5, 64L << 20);
        for (int i = 0; i < 10; i++) {
            engine.write(List.of(batch("cpu", "h" + i, 1000, 3)));
        }
        RecordingStore store = new RecordingStore();
        engine.bindStore(store);
        assertTrue(engine.flushNow());
        assertEquals(30, store.pointCount());
        engine.write(List.of(batch("cpu", "late", 1000, 1)));
        assertTrue(engine.flushNow());
        assertEquals(31, store.pointCount());
    }

    @Test
    void aWriterWaitsForRoomWhileTheStoreIsTakingRows() throws InterruptedException {
        RecordingStore store = new RecordingStore();
        WriteEngine engine = engine(10, 64L << 20);
        engine.bindStore(store);
        CountDownLatch gate = new CountDownLatch(1);
        store.gate = gate;
        Thread writer = new Thread(() -> engine.write(List.of(batch("cpu", "b", 1000, 5))));
        try {
            engine.write(List.of(batch("cpu", "a", 1000, 8)));
            assertTrue(within(2000, () -> store.gatedWrites.get() == 1), "the flusher is writing the first rows");
            writer.start();
            Thread.sleep(300);
            assertTrue(writer.isAlive(), "the writer waits for room rather than sending its rows through the log");
        } finally {
            store.gate = null;
            gate.countDown();
        }
        writer.join(5000);
        assertFalse(writer.isAlive());
        assertTrue(within(2000, () -> store.pointCount() == 13));
        assertEquals(2, store.writeCalls(), "both writes flushed from memory, none read back from the log");
    }

    @Test
    void aWriterDoesNotWaitForAFailingStore() {
        RecordingStore store = new RecordingStore();
        store.unavailable = true;
        WriteEngine engine = engine(5, 64L << 20);
        engine.bindStore(store);
        long start = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            engine.write(List.of(batch("cpu", "h" + i, 1000, 3)));
        }
        assertTrue(System.nanoTime() - start < 5 * WriteEngine.BUFFER_WAIT_MILLIS * 1_000_000,
                "writes go to the log only once the store fails, without waiting for room each");
        store.unavailable = false;
        assertTrue(engine.flushNow());
        assertEquals(30, store.pointCount());
    }

    @Test
    void anUnavailableStoreKeepsTheRowsForALaterRetry() {
        RecordingStore store = new RecordingStore();
        store.unavailable = true;
        WriteEngine engine = engine();
        engine.bindStore(store);
        engine.write(List.of(batch("cpu", "a", 1, 4)));
        assertFalse(engine.flushNow());
        store.unavailable = false;
        assertTrue(engine.flushNow());
        assertEquals(4, store.pointCount());
    }

    @Test
    void aBatchTheStoreRejectsForItsTypesIsDroppedAndTheOthersAreWritten() {
        RecordingStore store = new RecordingStore();
        WriteEngine engine = engine();
        engine.bindStore(store);
        WriteBatch.Builder ints = WriteBatch.builder("db", "cpu");
        ints.setLong(ints.addRow(Tags.of("host", "x"), 5), "value", 5);
        engine.write(List.of(batch("cpu", "a", 1, 2), ints.build(), batch("mem", "a", 1, 1)));
        assertTrue(engine.flushNow());
        assertEquals(3, store.pointCount());
        engine.write(List.of(batch("cpu", "b", 1, 1)));
        assertTrue(engine.flushNow());
        assertEquals(4, store.pointCount());
    }

    @Test
    void segmentsAreDeletedOnceTheStoreHasTheirRows() {
        RecordingStore store = new RecordingStore();
        WriteEngine engine = engine(1_000_000, 100);
        for (int i = 0; i < 6; i++) {
            engine.write(List.of(batch("cpu", "h" + i, 1, 5)));
        }
        assertTrue(engine.segmentCount() > 3, "segments: " + engine.segmentCount());
        engine.bindStore(store);
        assertTrue(engine.flushNow());
        assertEquals(30, store.pointCount());
        assertEquals(1, engine.segmentCount());
    }

    @Test
    void pendingSeriesAreThoseNotYetFlushed() {
        WriteEngine engine = engine();
        engine.write(List.of(batch("cpu", "a", 1, 2), batch("cpu", "b", 1, 1)));
        assertEquals(Set.of(Tags.of("host", "a"), Tags.of("host", "b")), engine.pendingSeries("db", "cpu"));
        engine.bindStore(new RecordingStore());
        assertTrue(engine.flushNow());
        assertEquals(Set.of(), engine.pendingSeries("db", "cpu"));
    }

    @Test
    void unbindingTheStoreKeepsWritesAcknowledged() {
        RecordingStore first = new RecordingStore();
        WriteEngine engine = engine();
        engine.bindStore(first);
        engine.unbindStore(first);
        engine.write(List.of(batch("cpu", "a", 1, 2)));
        RecordingStore second = new RecordingStore();
        engine.bindStore(second);
        assertTrue(engine.flushNow());
        assertEquals(2, second.pointCount());
        assertEquals(0, first.pointCount());
    }

    @Test
    void writesAfterCloseFail() {
        WriteEngine engine = engine();
        engine.close();
        engines.remove(engine);
        assertThrows(UncheckedIOException.class, () -> engine.write(List.of(batch("cpu", "a", 1, 1))));
    }
}
