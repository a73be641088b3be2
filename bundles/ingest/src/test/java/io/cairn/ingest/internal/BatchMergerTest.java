package io.cairn.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchMergerTest {
    private static final Tags A = Tags.of("host", "a");
    private static final Tags B = Tags.of("host", "b");

    @Test
    void mergedBatchKeepsEveryRowValueAndGap() {
        WriteBatch.Builder first = WriteBatch.builder("db", "cpu");
        int r = first.addRow(A, 1);
        first.setLong(r, "n", 10);
        first.setDouble(r, "x", 0.5);
        r = first.addRow(B, 2);
        first.setLong(r, "n", 20);
        WriteBatch.Builder second = WriteBatch.builder("db", "cpu");
        r = second.addRow(Tags.of("host", "b"), 3);
        second.setString(r, "s", "hi");
        second.setBoolean(r, "ok", true);
        r = second.addRow(A, 4);
        second.setDouble(r, "x", 1.5);

        WriteBatch merged = BatchMerger.merge(List.of(first.build(), second.build()));

        assertEquals(4, merged.size());
        assertEquals(List.of("n", "x", "s", "ok"), merged.fields().stream().map(FieldColumn::name).toList());
        assertEquals(List.of(A, B), merged.series());
        assertEquals(List.of(1L, 2L, 3L, 4L), List.of(merged.time(0), merged.time(1), merged.time(2), merged.time(3)));
        assertEquals(B, merged.tags(2));
        FieldColumn n = column(merged, "n");
        assertEquals(10L, n.valueAt(0));
        assertEquals(20L, n.valueAt(1));
        assertFalse(n.isPresent(2));
        FieldColumn x = column(merged, "x");
        assertEquals(0.5, x.valueAt(0));
        assertFalse(x.isPresent(1));
        assertEquals(1.5, x.valueAt(3));
        assertEquals("hi", column(merged, "s").valueAt(2));
        assertEquals(true, column(merged, "ok").valueAt(2));
        assertFalse(column(merged, "ok").isPresent(3));
    }

    @Test
    void clashingFieldTypesAreRefused() {
        WriteBatch.Builder first = WriteBatch.builder("db", "cpu");
        first.setLong(first.addRow(A, 1), "v", 1);
        WriteBatch.Builder second = WriteBatch.builder("db", "cpu");
        second.setDouble(second.addRow(A, 2), "v", 2.0);

        assertThrows(IllegalArgumentException.class, () -> BatchMerger.merge(List.of(first.build(), second.build())));
    }

    @Test
    void sparseColumnsOfEveryTypeKeepTheirGapsAndAColumnWithoutValuesIsDropped() {
        WriteBatch.Builder first = WriteBatch.builder("db", "cpu");
        for (int t = 0; t < 4; t++) {
            first.addRow(A, t);
        }
        first.setLong(3, "n", 7);
        first.setBoolean(0, "ok", false);
        first.column("unused", io.cairn.api.model.FieldType.FLOAT);
        WriteBatch.Builder second = WriteBatch.builder("db", "cpu");
        for (int t = 4; t < 7; t++) {
            second.addRow(B, t);
        }
        second.setDouble(1, "x", 2.5);
        second.setString(2, "s", "last");
        second.setLong(0, "n", 8);

        WriteBatch merged = BatchMerger.merge(List.of(first.build(), second.build()));

        assertEquals(7, merged.size());
        assertEquals(List.of("n", "ok", "x", "s"), merged.fields().stream().map(FieldColumn::name).toList());
        FieldColumn n = column(merged, "n");
        assertEquals(List.of(false, false, false, true, true, false, false),
                java.util.stream.IntStream.range(0, 7).mapToObj(n::isPresent).toList());
        assertEquals(7L, n.valueAt(3));
        assertEquals(8L, n.valueAt(4));
        assertEquals(false, column(merged, "ok").valueAt(0));
        assertFalse(column(merged, "ok").isPresent(1));
        assertEquals(2.5, column(merged, "x").valueAt(5));
        assertFalse(column(merged, "x").isPresent(4));
        assertEquals("last", column(merged, "s").valueAt(6));
        assertFalse(column(merged, "s").isPresent(5));
    }

    private static FieldColumn column(WriteBatch batch, String name) {
        return batch.fields().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
