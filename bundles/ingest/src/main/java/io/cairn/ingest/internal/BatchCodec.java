package io.cairn.ingest.internal;

import io.cairn.api.model.FieldColumn;
import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Collection;

/** Encodes lists of write batches into the payload of a write-ahead-log record, which {@link BatchDecoder} reads. */
final class BatchCodec {
    static final int VERSION = 1;

    private BatchCodec() {
    }

    /** Returns the bytes of the batches, in pieces. */
    static RecordPayload encode(Collection<WriteBatch> batches) {
        return encode(batches, tagSets(batches, null));
    }

    /**
     * Returns the encodings of the batches' tag sets, by batch and series, taking those met before from
     * {@code known} (may be null). A tag set's encoding is canonical, its tags being in key order.
     */
    static byte[][][] tagSets(Collection<WriteBatch> batches, BoundedMemo<Tags, byte[]> known) {
        byte[][][] series = new byte[batches.size()][][];
        int b = 0;
        for (WriteBatch batch : batches) {
            series[b] = new byte[batch.series().size()][];
            for (int s = 0; s < series[b].length; s++) {
                series[b][s] = tagSet(batch.series().get(s), known);
            }
            b++;
        }
        return series;
    }

    /** Returns the bytes of the batches, whose tag sets' encodings are {@code series} (from {@link #tagSets}). */
    static RecordPayload encode(Collection<WriteBatch> batches, byte[][][] series) {
        long size = 5;
        int b = 0;
        for (WriteBatch batch : batches) {
            for (byte[] tags : series[b++]) {
                size += tags.length;
            }
            size += encodedSize(batch);
        }
        BigEndianBytes out = new BigEndianBytes(size);
        out.writeByte(VERSION);
        out.writeInt(batches.size());
        b = 0;
        for (WriteBatch batch : batches) {
            writeBatch(out, batch, series[b++]);
        }
        return out.toPayload();
    }

    /**
     * Returns the size of a batch's encoding but for its tag sets: exact when its strings are ASCII and its
     * columns dense, else about.
     */
    private static long encodedSize(WriteBatch batch) {
        long size = 4 + batch.database().length() + 4 + batch.measurement().length() + 4;
        int rows = batch.size();
        size += 4 + rows * 12L + 4;
        for (FieldColumn column : batch.fields()) {
            size += 4 + column.name().length() + 2 + (column.isDense() ? 0 : 4 + 8L * ((rows + 63) / 64));
            size += switch (column.type()) {
                case FLOAT, INTEGER -> 8L * rows;
                case BOOLEAN -> rows;
                case STRING -> {
                    long n = 4L * rows;
                    for (int row = 0; row < rows; row++) {
                        String v = column.stringAt(row);
                        n += v == null ? 0 : v.length();
                    }
                    yield n;
                }
            };
        }
        return size;
    }

    private static void writeBatch(BigEndianBytes out, WriteBatch batch, byte[][] series) {
        writeString(out, batch.database());
        writeString(out, batch.measurement());
        out.writeInt(series.length);
        for (byte[] tags : series) {
            out.write(tags);
        }
        int size = batch.size();
        out.writeInt(size);
        for (int row = 0; row < size; row++) {
            out.writeLong(batch.time(row));
            out.writeInt(batch.seriesIndex(row));
        }
        out.writeInt(batch.fields().size());
        for (FieldColumn column : batch.fields()) {
            writeColumn(out, column, size);
        }
    }

    private static void writeColumn(BigEndianBytes out, FieldColumn column, int size) {
        writeString(out, column.name());
        out.writeByte(column.type().code());
        boolean dense = column.isDense();
        out.writeByte(dense ? 1 : 0);
        if (!dense) {
            BitSet present = new BitSet(size);
            for (int row = 0; row < size; row++) {
                present.set(row, column.isPresent(row));
            }
            long[] words = present.toLongArray();
            out.writeInt(words.length);
            for (long w : words) {
                out.writeLong(w);
            }
        }
        switch (column.type()) {
            case FLOAT -> {
                for (int row = 0; row < size; row++) {
                    if (dense || column.isPresent(row)) {
                        out.writeLong(Double.doubleToLongBits(column.doubleAt(row)));
                    }
                }
            }
            case INTEGER -> {
                for (int row = 0; row < size; row++) {
                    if (dense || column.isPresent(row)) {
                        out.writeLong(column.longAt(row));
                    }
                }
            }
            case BOOLEAN -> {
                for (int row = 0; row < size; row++) {
                    if (dense || column.isPresent(row)) {
                        out.writeByte(column.booleanAt(row) ? 1 : 0);
                    }
                }
            }
            case STRING -> {
                for (int row = 0; row < size; row++) {
                    if (dense || column.isPresent(row)) {
                        writeString(out, column.stringAt(row));
                    }
                }
            }
        }
    }

    private static void writeString(BigEndianBytes out, String s) {
        if (!out.writeAscii(s)) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }
    }

    private static byte[] tagSet(Tags tags, BoundedMemo<Tags, byte[]> known) {
        byte[] bytes = known == null ? null : known.get(tags);
        if (bytes == null) {
            bytes = tagSet(tags);
            if (known != null) {
                known.put(tags, bytes);
            }
        }
        return bytes;
    }

    /** Encodes a tag set straight into an array of its size when it is ASCII (the usual case), else through UTF-8. */
    static byte[] tagSet(Tags tags) {
        int size = 4;
        for (int i = 0; i < tags.size(); i++) {
            size += 8 + tags.key(i).length() + tags.value(i).length();
        }
        byte[] bytes = new byte[size];
        BigEndianBytes.putInt(bytes, 0, tags.size());
        int pos = 4;
        for (int i = 0; i < tags.size() && pos >= 0; i++) {
            pos = putAscii(bytes, putAscii(bytes, pos, tags.key(i)), tags.value(i));
        }
        return pos >= 0 ? bytes : tagSetUtf8(tags);
    }

    /** Puts an ASCII string's length and bytes at {@code pos}; returns the position after them, or -1 if not ASCII. */
    private static int putAscii(byte[] bytes, int pos, String s) {
        if (pos < 0) {
            return pos;
        }
        int n = s.length();
        BigEndianBytes.putInt(bytes, pos, n);
        pos += 4;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return -1;
            }
            bytes[pos + i] = (byte) c;
        }
        return pos + n;
    }

    private static byte[] tagSetUtf8(Tags tags) {
        BigEndianBytes out = new BigEndianBytes(64);
        out.writeInt(tags.size());
        for (int i = 0; i < tags.size(); i++) {
            writeString(out, tags.key(i));
            writeString(out, tags.value(i));
        }
        return out.toPayload().toByteArray();
    }
}
