package io.cairn.query.internal.sql;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes a {@link SqlResult} as an Apache Arrow IPC stream: TIMESTAMP as timestamp[ms, UTC],
 * BIGINT as int64, INTEGER as int32, DOUBLE and DECIMAL as float64, BOOLEAN as bool, the rest as
 * utf8; the schema's metadata says {@code truncated=true} when the row limit cut the result.
 */
public final class ArrowResults {
    /** The media type of an Arrow IPC stream. */
    public static final String MEDIA_TYPE = "application/vnd.apache.arrow.stream";

    private static final int BATCH_ROWS = 8192;

    private ArrowResults() {
    }

    public static void write(OutputStream out, SqlResult result) throws IOException {
        List<Field> fields = new ArrayList<>();
        for (int c = 0; c < result.columns().size(); c++) {
            fields.add(new Field(result.columns().get(c), FieldType.nullable(arrowType(result.types().get(c))), null));
        }
        Schema schema = new Schema(fields, result.truncated() ? Map.of("truncated", "true") : null);
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
                ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(out))) {
            writer.start();
            List<Object[]> rows = result.rows();
            int from = 0;
            do {
                int size = Math.min(BATCH_ROWS, rows.size() - from);
                root.allocateNew();
                for (int c = 0; c < fields.size(); c++) {
                    fill(root.getVector(c), rows, from, size, c);
                }
                root.setRowCount(size);
                writer.writeBatch();
                from += size;
            } while (from < rows.size());
            writer.end();
        }
    }

    private static ArrowType arrowType(String sqlType) {
        return switch (sqlType) {
            case "TIMESTAMP", "TIMESTAMP_WITH_LOCAL_TIME_ZONE" -> new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC");
            case "BIGINT" -> new ArrowType.Int(64, true);
            case "INTEGER", "SMALLINT", "TINYINT" -> new ArrowType.Int(32, true);
            case "DOUBLE", "FLOAT", "REAL", "DECIMAL" -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case "BOOLEAN" -> ArrowType.Bool.INSTANCE;
            default -> ArrowType.Utf8.INSTANCE;
        };
    }

    private static void fill(FieldVector vector, List<Object[]> rows, int from, int size, int c) {
        for (int r = 0; r < size; r++) {
            Object v = rows.get(from + r)[c];
            if (v == null) {
                vector.setNull(r);
                continue;
            }
            if (vector instanceof TimeStampMilliTZVector t) {
                t.setSafe(r, ((Instant) v).toEpochMilli());
            } else if (vector instanceof BigIntVector b) {
                b.setSafe(r, ((Number) v).longValue());
            } else if (vector instanceof IntVector i) {
                i.setSafe(r, ((Number) v).intValue());
            } else if (vector instanceof Float8Vector d) {
                d.setSafe(r, v instanceof BigDecimal bd ? bd.doubleValue() : ((Number) v).doubleValue());
            } else if (vector instanceof BitVector b) {
                b.setSafe(r, (Boolean) v ? 1 : 0);
            } else {
                ((VarCharVector) vector).setSafe(r, v.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        vector.setValueCount(size);
    }
}
