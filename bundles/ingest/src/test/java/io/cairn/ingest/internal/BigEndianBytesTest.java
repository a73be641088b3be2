package io.cairn.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.model.Tags;
import io.cairn.api.model.WriteBatch;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BigEndianBytesTest {
    @TempDir
    Path dir;

    @Test
    void valuesAcrossPieceBoundariesReadBackAsDataOutputStreamWritesThem() throws IOException {
        BigEndianBytes out = new BigEndianBytes(10);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(expected);
        String longText = "x".repeat(BigEndianBytes.PIECE + 5);
        for (int i = 0; i < 40_000; i++) {
            out.writeByte(i);
            data.writeByte(i);
            out.writeLong(i * 0x0102030405060708L);
            data.writeLong(i * 0x0102030405060708L);
            out.writeInt(-i);
            data.writeInt(-i);
            if (i % 10_000 == 7) {
                out.writeAscii("host_" + i);
                data.writeInt(("host_" + i).length());
                data.writeBytes("host_" + i);
                out.write("é".repeat(i % 13).getBytes(StandardCharsets.UTF_8));
                data.write("é".repeat(i % 13).getBytes(StandardCharsets.UTF_8));
            }
        }
        out.writeAscii(longText);
        data.writeInt(longText.length());
        data.writeBytes(longText);

        RecordPayload payload = out.toPayload();

        assertArrayEquals(expected.toByteArray(), payload.toByteArray());
        assertEquals(expected.size(), payload.length());
        CRC32 whole = new CRC32();
        whole.update(expected.toByteArray());
        CRC32 pieces = new CRC32();
        payload.updateChecksum(pieces);
        assertEquals(whole.getValue(), pieces.getValue());
        for (ByteBuffer b : payload.buffers()) {
            assertTrue(b.remaining() <= BigEndianBytes.PIECE, "piece of " + b.remaining());
        }
    }

    @Test
    void aLargeRequestsLogRecordHasNoLargeArrayAndReplaysWhole() throws IOException {
        WriteBatch.Builder b = WriteBatch.builder("db", "cpu", 5000);
        for (int r = 0; r < 5000; r++) {
            int row = b.addRow(Tags.of("host", "h" + r % 100), 1_700_000_000_000_000_000L + r);
            for (int f = 0; f < 10; f++) {
                b.setLong(row, "usage_" + f, r * 10L + f);
            }
        }
        WriteBatch batch = b.build();
        RecordPayload payload = BatchCodec.encode(List.of(batch));
        assertTrue(payload.length() > 3 * BigEndianBytes.PIECE, "record of " + payload.length());
        assertTrue(payload.buffers().length > 1);
        for (ByteBuffer piece : payload.buffers()) {
            assertTrue(piece.remaining() <= BigEndianBytes.PIECE, "piece of " + piece.remaining());
        }

        List<WriteBatch> replayed = new ArrayList<>();
        try (WriteAheadLog wal = new WriteAheadLog(dir, FsyncPolicy.GROUP, 0, 64L << 20)) {
            wal.append(payload, seq -> { });
        }
        try (WriteAheadLog wal = new WriteAheadLog(dir, FsyncPolicy.GROUP, 0, 64L << 20)) {
            wal.replay(0, Long.MAX_VALUE, (seq, bytes) -> replayed.addAll(BatchDecoder.decode(bytes)));
        }

        assertEquals(1, replayed.size());
        WriteBatch back = replayed.get(0);
        assertEquals(5000, back.size());
        assertEquals(Tags.of("host", "h99"), back.tags(4999));
        assertEquals(1_700_000_000_000_000_000L + 4999, back.time(4999));
        assertEquals(49_999L, back.fields().get(9).valueAt(4999));
        assertEquals(12_345L, back.fields().get(5).valueAt(1234));
    }
}
