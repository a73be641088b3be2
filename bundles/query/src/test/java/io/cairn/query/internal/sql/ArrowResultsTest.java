package io.cairn.query.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.Test;

/** A result written as an Arrow IPC stream reads back with Arrow's own reader. */
class ArrowResultsTest {
    @Test
    void roundTripsThroughArrowsReader() throws Exception {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            rows.add(new Object[] {Instant.ofEpochMilli(1_704_067_200_000L + i), i % 2 == 0 ? "a" : null, (double) i, (long) i});
        }
        SqlResult result = new SqlResult(List.of("time", "host", "usage", "n"),
                List.of("TIMESTAMP", "VARCHAR", "DOUBLE", "BIGINT"), rows, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArrowResults.write(out, result);
        int read = 0;
        try (RootAllocator allocator = new RootAllocator();
                ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(out.toByteArray()), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            assertEquals("true", root.getSchema().getCustomMetadata().get("truncated"));
            assertEquals("Timestamp(MILLISECOND, UTC)", root.getSchema().getFields().get(0).getType().toString());
            while (reader.loadNextBatch()) {
                for (int r = 0; r < root.getRowCount(); r++, read++) {
                    assertEquals(1_704_067_200_000L + read, ((TimeStampMilliTZVector) root.getVector(0)).get(r));
                    assertEquals(read % 2 == 0 ? "a" : null, read % 2 == 0
                            ? new String(((VarCharVector) root.getVector(1)).get(r)) : (root.getVector(1).isNull(r) ? null : "x"));
                    assertEquals(read, ((Float8Vector) root.getVector(2)).get(r));
                    assertEquals(read, ((BigIntVector) root.getVector(3)).get(r));
                }
            }
        }
        assertEquals(10_000, read);
        assertTrue(out.size() > 100_000);
    }

    @Test
    void anEmptyResultStillHasItsSchema() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArrowResults.write(out, new SqlResult(List.of("name"), List.of("VARCHAR"), List.of(), false));
        try (RootAllocator allocator = new RootAllocator();
                ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(out.toByteArray()), allocator)) {
            assertEquals("name", reader.getVectorSchemaRoot().getSchema().getFields().get(0).getName());
        }
    }
}
