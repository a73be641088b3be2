package io.cairn.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WriteBufferTest {
    private static WriteBatch batch(String measurement, String... hosts) {
        WriteBatch.Builder b = WriteBatch.builder("db", measurement);
        for (String h : hosts) {
            b.setDouble(b.addRow(Tags.of("host", h), 1_000L), "value", 1);
        }
        return b.build();
    }

    @Test
    void pendingSeriesAreThoseOfTheRecordsStillBuffered() {
        WriteBuffer buffer = new WriteBuffer(1_000, 0);
        buffer.add(1, List.of(batch("cpu", "a", "b"), batch("mem", "a")));
        buffer.add(2, List.of(batch("cpu", "b", "c")));
        assertEquals(Set.of(Tags.of("host", "a"), Tags.of("host", "b"), Tags.of("host", "c")),
                buffer.pendingSeries("db", "cpu"));
        assertEquals(3, buffer.pendingSeriesCount("db", "cpu"));
        assertEquals(1, buffer.pendingSeriesCount("db", "mem"));

        buffer.removeThrough(1);
        assertEquals(Set.of(Tags.of("host", "b"), Tags.of("host", "c")), buffer.pendingSeries("db", "cpu"));
        assertEquals(2, buffer.pendingSeriesCount("db", "cpu"));
        assertEquals(0, buffer.pendingSeriesCount("db", "mem"));

        buffer.removeThrough(2);
        assertEquals(0, buffer.pendingSeriesCount("db", "cpu"));
        assertEquals(Set.of(), buffer.pendingSeries("db", "cpu"));
    }

    @Test
    void aBufferThatOverflowsForgetsItsSeries() {
        WriteBuffer buffer = new WriteBuffer(3, 0);
        buffer.add(1, List.of(batch("cpu", "a", "b")));
        buffer.add(2, List.of(batch("cpu", "c", "d")));
        assertTrue(buffer.overflowed());
        assertEquals(0, buffer.pendingSeriesCount("db", "cpu"));
        assertEquals(Set.of(), buffer.pendingSeries("db", "cpu"));
    }

    @Test
    void manySeriesWeighMoreThanManyRowsOfOneSeries() {
        String[] oneHost = new String[100];
        String[] hundredHosts = new String[100];
        for (int i = 0; i < 100; i++) {
            oneHost[i] = "a";
            hundredHosts[i] = "h" + i;
        }
        long bound = 3 * WriteBuffer.heapBytes(List.of(batch("cpu", oneHost)));
        assertTrue(WriteBuffer.heapBytes(List.of(batch("cpu", hundredHosts))) > bound);

        WriteBuffer rowsOfOneSeries = new WriteBuffer(1_000, bound, 0);
        rowsOfOneSeries.add(1, List.of(batch("cpu", oneHost)));
        rowsOfOneSeries.add(2, List.of(batch("cpu", oneHost)));
        assertFalse(rowsOfOneSeries.overflowed());
        assertEquals(200, rowsOfOneSeries.rows());

        WriteBuffer rowsOfManySeries = new WriteBuffer(1_000, bound, 0);
        rowsOfManySeries.add(1, List.of(batch("cpu", hundredHosts)));
        assertTrue(rowsOfManySeries.overflowed());
        assertEquals(0, rowsOfManySeries.rows());
    }

    @Test
    void roomReservedForOneWriterIsNotGivenToAnother() throws InterruptedException {
        WriteBuffer buffer = new WriteBuffer(10, 0);
        buffer.add(1, List.of(batch("cpu", "a", "b", "c", "d", "e", "f")));
        List<WriteBatch> first = List.of(batch("cpu", "g", "h", "i"));
        List<WriteBatch> second = List.of(batch("cpu", "j", "k", "l"));
        assertTrue(buffer.awaitRoom(first, 50));
        assertFalse(buffer.awaitRoom(second, 50), "the room left is the first writer's");
        buffer.add(2, first, true);
        assertFalse(buffer.overflowed());
        assertEquals(9, buffer.rows());
        buffer.removeThrough(1);
        assertTrue(buffer.awaitRoom(second, 50));
        buffer.release(second);
        assertTrue(buffer.awaitRoom(List.of(batch("cpu", "m", "n", "o", "p", "q", "r", "s")), 50));
    }

    @Test
    void markedSeriesAreNoLongerUncheckedUntilAnotherStoreIsBound() {
        Object lmdb = new Object();
        WriteBuffer buffer = new WriteBuffer(1_000, 0);
        buffer.storeBound(lmdb);
        buffer.add(1, List.of(batch("cpu", "a", "b", "c", "e")));
        buffer.markPending(lmdb, "db", "cpu", List.of(Tags.of("host", "a"), Tags.of("host", "b")),
                List.of(Tags.of("host", "e")));
        buffer.markPending(new Object(), "db", "cpu", List.of(Tags.of("host", "c")), List.of());
        assertEquals(Set.of(Tags.of("host", "c")), buffer.pendingSeries("db", "cpu"));
        assertEquals(2, buffer.pendingSeriesCount("db", "cpu"), "c may be new, e is");
        assertEquals(1, buffer.pendingNewSeriesCount("db", "cpu"));
        assertEquals(PendingSeries.Mark.NEW, buffer.pendingMark("db", "cpu", Tags.of("host", "e")));

        buffer.add(2, List.of(batch("cpu", "a", "d")));
        assertEquals(Set.of(Tags.of("host", "c"), Tags.of("host", "d")), buffer.pendingSeries("db", "cpu"),
                "a stored series stays marked when more of its rows arrive");
        buffer.removeThrough(1);
        assertEquals(Set.of(Tags.of("host", "d")), buffer.pendingSeries("db", "cpu"));
        assertEquals(1, buffer.pendingSeriesCount("db", "cpu"), "b and e left with their record, a is still buffered");
        assertEquals(0, buffer.pendingNewSeriesCount("db", "cpu"));
        assertEquals(null, buffer.pendingMark("db", "cpu", Tags.of("host", "e")));

        buffer.storeBound(new Object());
        assertEquals(Set.of(Tags.of("host", "a"), Tags.of("host", "d")), buffer.pendingSeries("db", "cpu"));
        assertEquals(2, buffer.pendingSeriesCount("db", "cpu"));
    }
}
