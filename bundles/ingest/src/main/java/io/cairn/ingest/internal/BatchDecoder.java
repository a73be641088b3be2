package io.cairn.ingest.internal;

import io.cairn.api.model.FieldType;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Reads the write batches back from the payload of a write-ahead-log record made by {@link BatchCodec}. */
final class BatchDecoder {
    /** The bytes each row takes in the encoding, its time and series index: bounds the rows a length can claim. */
    private static final int ROW_BYTES = Long.BYTES + Integer.BYTES;

    private BatchDecoder() {
    }

    /**
     * Returns the batches of bytes made by {@link BatchCodec#encode}.
     *
     * @throws IllegalArgumentException if the bytes are not such an encoding
     */
    static List<WriteBatch> decode(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            int version = in.readUnsignedByte();
            if (version != BatchCodec.VERSION) {
                throw new IllegalArgumentException("unknown batch encoding version " + version);
            }
            int count = in.readInt();
            List<WriteBatch> batches = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                batches.add(readBatch(in));
            }
            return batches;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated batch encoding", e);
        }
    }

    private static WriteBatch readBatch(DataInputStream in) throws IOException {
        String database = readString(in);
        String measurement = readString(in);
        Tags[] series = new Tags[in.readInt()];
        for (int s = 0; s < series.length; s++) {
            String[] pairs = new String[in.readInt() * 2];
            for (int i = 0; i < pairs.length; i++) {
                pairs[i] = readString(in);
            }
            series[s] = Tags.of(pairs);
        }
        int size = in.readInt();
        WriteBatch.Builder builder = WriteBatch.builder(database, measurement,
                Math.min(size, in.available() / ROW_BYTES));
        for (int row = 0; row < size; row++) {
            long time = in.readLong();
            builder.addRow(series[in.readInt()], time);
        }
        int fields = in.readInt();
        for (int f = 0; f < fields; f++) {
            readColumn(in, builder, size);
        }
        return builder.build();
    }

    private static void readColumn(DataInputStream in, WriteBatch.Builder builder, int size) throws IOException {
        String name = readString(in);
        FieldType type = FieldType.ofCode(in.readByte());
        BitSet present = null;
        if (!in.readBoolean()) {
            long[] words = new long[in.readInt()];
            for (int i = 0; i < words.length; i++) {
                words[i] = in.readLong();
            }
            present = BitSet.valueOf(words);
        }
        WriteBatch.ColumnBuilder column = null;
        for (int row = 0; row < size; row++) {
            if (present != null && !present.get(row)) {
                continue;
            }
            if (column == null) {
                column = builder.column(name, type);
            }
            switch (type) {
                case FLOAT -> column.setDouble(row, in.readDouble());
                case INTEGER -> column.setLong(row, in.readLong());
                case BOOLEAN -> column.setBoolean(row, in.readBoolean());
                case STRING -> column.setString(row, readString(in));
            }
        }
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("bad string length " + length);
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
