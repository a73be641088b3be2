package io.cairn.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WriteAheadLogTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> replayAll(WriteAheadLog wal) throws IOException {
        return replay(wal, 0);
    }

    private static List<String> replay(WriteAheadLog wal, long after) throws IOException {
        List<String> seen = new ArrayList<>();
        wal.replay(after, Long.MAX_VALUE, (seq, payload) -> seen.add(seq + ":" + new String(payload, StandardCharsets.UTF_8)));
        return seen;
    }

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void anAcknowledgedRecordIsReadableFromAFreshInstance(FsyncPolicy policy) throws IOException {
        WriteAheadLog wal = new WriteAheadLog(dir, policy, 10, 1 << 20);
        assertEquals(1, wal.append(bytes("one")));
        assertEquals(2, wal.append(bytes("two")));

        // The first instance stays open, as after a crash: only fsynced bytes can be relied on.
        try (WriteAheadLog fresh = new WriteAheadLog(dir, policy, 10, 1 << 20)) {
            assertEquals(List.of("1:one", "2:two"), replayAll(fresh));
        }
        wal.close();
    }

    @Test
    void reopenedLogReplaysEverythingAndContinuesTheSequence() throws IOException {
        try (WriteAheadLog wal = new WriteAheadLog(dir, FsyncPolicy.GROUP, 5, 1 << 20)) {
            wal.append(bytes("a"));
            wal.append(bytes("b"));
        }
        try (WriteAheadLog wal = new WriteAheadLog(dir, FsyncPolicy.GROUP, 5, 1 << 20)) {
            assertEquals(2, wal.lastSequence());
            assertEquals(3, wal.append(bytes("c")));
            assertEquals(List.of("1:a", "2:b", "3:c"), replayAll(wal));
            assertEquals(List.of("3:c"), replay(wal, 2));
        }
    }

    @Test
    void concurrentWritersGetDistinctSequenceNumbersAndAllRecordsSurvive() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Long> sequences = Collections.synchronizedList(new ArrayList<>());
        try (WriteAheadLog wal = new WriteAheadLog(dir, FsyncPolicy.GROUP, 2, 1 << 20)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        sequences.add(wal.append(bytes(thread + "-" + i)));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(400, sequences.stream().distinct().count());
        try (WriteAheadLog wal = new WriteAheadLog(dir, FsyncPolicy.GROUP, 2, 1 << 20)) {
            List<String> seen = replayAll(wal);
            assertEquals(400, seen.size());
            for (int i = 0; i < seen.size(); i++) {
                assertTrue(seen.get(i).startsWith((i + 1) + ":"), seen.get(i));
            }
        }
    }

    @Test
    void aTornTailIsIgnoredAndCutOff() throws IOException {
        try (WriteAheadLog wal = new WriteAheadLog(dir, FsyncPolicy.EVERY_WRITE, 0, 1 << 20)) {
            wal.append(bytes("first"));
            wal.append(bytes("second"));
            wal.append(bytes("third, torn"));
        }
        Path segment = dir.resolve("00000000000000000001.wal");
        long size = Files.size(segment);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(size - 4);
        }
        try (WriteAheadLog wal = new WriteAheadLog(dir, FsyncPolicy.EVERY_WRITE, 0, 1 << 20)) {
            assertEquals(List.of("1:first", "2:second"), replayAll(wal));
            assertEquals(3, wal.append(bytes("again")));
            assertEquals(List.of("1:first", "2:second", "3:again"), replayAll(wal));
        }
    }

    @Test
    void aCorruptRecordEndsTheReplayOfItsSegmentWithoutFailing() throws IOException {
        try (WriteAheadLog wal = new WriteAheadLog(dir, FsyncPolicy.GROUP, 0, 1 << 20)) {
            wal.append(bytes("good"));
            wal.append(bytes("flipped"));
        }
        Path segment = dir.resolve("00000000000000000001.wal");
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {'X'}), Files.size(segment) - 2);
        }
        try (WriteAheadLog wal = new WriteAheadLog(dir, FsyncPolicy.GROUP, 0, 1 << 20)) {
            assertEquals(List.of("1:good"), replayAll(wal));
            assertEquals(2, wal.append(bytes("next")));
            assertEquals(List.of("1:good", "2:next"), replayAll(wal));
        }
    }

    @Test
    void garbageAfterTheLastRecordIsIgnored() throws IOException {
        try (WriteAheadLog wal = new WriteAheadLog(dir, FsyncPolicy.GROUP, 0, 1 << 20)) {
            wal.append(bytes("kept"));
        }
        Files.write(dir.resolve("00000000000000000001.wal"), new byte[] {0x7f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17},
                StandardOpenOption.APPEND);
        try (WriteAheadLog wal = new WriteAheadLog(dir, FsyncPolicy.GROUP, 0, 1 << 20)) {
            assertEquals(List.of("1:kept"), replayAll(wal));
        }
    }

    @Test
    void segmentsRollAndAreDeletedOnlyWhenAllTheirRecordsAreFlushed() throws IOException {
        try (WriteAheadLog wal = new WriteAheadLog(dir, FsyncPolicy.GROUP, 0, 40)) {
            for (int i = 1; i <= 5; i++) {
                wal.append(bytes("record-number-" + i + "-padding-padding"));
            }
            assertEquals(6, segmentFiles().size(), segmentFiles().toString());
            wal.markFlushedThrough(2);
            assertEquals(List.of("00000000000000000003.wal", "00000000000000000004.wal", "00000000000000000005.wal",
                    "00000000000000000006.wal"), segmentFiles());
            assertEquals(List.of("3:record-number-3-padding-padding", "4:record-number-4-padding-padding",
                    "5:record-number-5-padding-padding"), replayAll(wal));
            wal.markFlushedThrough(5);
            assertEquals(List.of("00000000000000000006.wal"), segmentFiles());
            assertEquals(6, wal.append(bytes("six")));
        }
        try (WriteAheadLog wal = new WriteAheadLog(dir, FsyncPolicy.GROUP, 0, 40)) {
            assertEquals(List.of("6:six"), replayAll(wal));
            assertEquals(6, wal.firstSequence());
        }
    }

    @Test
    void appendAfterCloseFails() {
        WriteAheadLog wal = new WriteAheadLog(dir, FsyncPolicy.GROUP, 0, 1 << 20);
        wal.close();
        assertThrows(UncheckedIOException.class, () -> wal.append(bytes("late")));
    }

    @Test
    void replayStopsWhenTheConsumerAsks() throws IOException {
        try (WriteAheadLog wal = new WriteAheadLog(dir, FsyncPolicy.GROUP, 0, 1 << 20)) {
            for (int i = 0; i < 4; i++) {
                wal.append(bytes("r" + i));
            }
            List<Long> seen = new ArrayList<>();
            boolean complete = wal.replay(1, 3, (seq, payload) -> seen.add(seq) && seq < 3);
            assertEquals(false, complete);
            assertEquals(List.of(2L, 3L), seen);
        }
    }

    private List<String> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
