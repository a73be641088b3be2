package io.cairn.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WriteBatchTest {
    private static final Tags HOST_A = Tags.of(Map.of("host", "a"));
    private static final Tags HOST_B = Tags.of(Map.of("host", "b"));

    @Test
    void columnsSetThroughTheirBuilderMatchValuesSetByName() {
        for (int expected : new int[] {1, 3, 1000}) {
            WriteBatch.Builder b = WriteBatch.builder("db", "m", expected);
            WriteBatch.ColumnBuilder usage = b.column("usage", FieldType.INTEGER);
            for (int i = 0; i < 200; i++) {
                int row = b.addRow(i % 2 == 0 ? HOST_A : HOST_B, i);
                usage.setLong(row, i * 10L);
                if (i % 3 == 0) {
                    b.setDouble(row, "load", i / 2.0);
                }
            }
            WriteBatch batch = b.build();
            assertEquals(200, batch.size());
            assertEquals(2, batch.series().size());
            FieldColumn u = batch.fields().get(0);
            FieldColumn load = batch.fields().get(1);
            assertTrue(u.isDense());
            assertEquals(1990L, u.longAt(199));
            assertEquals(199L, batch.time(199));
            assertEquals(HOST_B, batch.tags(199));
            assertFalse(load.isDense());
            assertTrue(load.isPresent(198));
            assertFalse(load.isPresent(199));
            assertEquals(99.0, load.doubleAt(198), 0.0);
        }
    }

    @Test
    void aFieldKeepsItsTypeWithinABatch() {
        WriteBatch.Builder b = WriteBatch.builder("db", "m", 10);
        b.setLong(b.addRow(HOST_A, 1), "v", 1);
        assertEquals(FieldType.INTEGER, b.column("v", FieldType.INTEGER).type());
        assertThrows(IllegalArgumentException.class, () -> b.column("v", FieldType.FLOAT));
    }

    @Test
    void truncatedRowsLeaveNoValues() {
        WriteBatch.Builder b = WriteBatch.builder("db", "m", 4);
        b.setLong(b.addRow(HOST_A, 1), "v", 1);
        b.setLong(b.addRow(HOST_A, 2), "v", 2);
        b.truncate(1);
        b.setDouble(b.addRow(HOST_A, 3), "w", 3.0);
        WriteBatch batch = b.build();
        assertEquals(2, batch.size());
        assertTrue(batch.fields().get(0).isPresent(0));
        assertFalse(batch.fields().get(0).isPresent(1));
        assertEquals(3.0, batch.fields().get(1).doubleAt(1), 0.0);
    }
}
